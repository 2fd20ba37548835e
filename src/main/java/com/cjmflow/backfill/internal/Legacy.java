package com.cjmflow.backfill.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The legacy CRM's conventions (README of the legacy database): its three timestamp formats, phone and e-mail
 * normalisation (the merge rule), status normalisation, text noise.
 */
public final class Legacy {

  /** v1 of the app wrote Moscow local time without an offset; Moscow has no DST. */
  public static final ZoneOffset MOSCOW = ZoneOffset.ofHours(3);
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final Pattern EPOCH_MS = Pattern.compile("\\d{11,13}(\\.\\d*)?");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern SPACES_OR_HYPHENS = Pattern.compile("[\\s-]+");

  private Legacy() {}

  /** A legacy timestamp in any of its formats, in UTC; null when empty or unreadable. */
  public static OffsetDateTime time(Object value) {
    String text = value == null ? "" : value.toString().trim();
    if (text.isEmpty()) {
      return null;
    }
    try {
      if (EPOCH_MS.matcher(text).matches()) {
        return Instant.ofEpochMilli((long) Double.parseDouble(text)).atOffset(ZoneOffset.UTC);
      }
      if (text.contains("T")) {
        return OffsetDateTime.parse(text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$") ? text : text + "Z")
            .withOffsetSameInstant(ZoneOffset.UTC);
      }
      return LocalDateTime.parse(text, LOCAL).atOffset(MOSCOW).withOffsetSameInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException | NumberFormatException e) {
      return null;
    }
  }

  /** Digits; 8XXXXXXXXXX → 7…, 9XXXXXXXXX → 79…; valid only as 11 digits starting with 7. As +7XXXXXXXXXX. */
  public static String phone(String raw) {
    String digits = raw == null ? "" : raw.replaceAll("\\D", "");
    if (digits.length() == 11 && digits.charAt(0) == '8') {
      digits = "7" + digits.substring(1);
    } else if (digits.length() == 10 && digits.charAt(0) == '9') {
      digits = "7" + digits;
    }
    return digits.length() == 11 && digits.charAt(0) == '7' ? "+" + digits : null;
  }

  /** Trimmed and lower-cased; null unless it looks like x@y.z. */
  public static String email(String raw) {
    String email = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
    return EMAIL.matcher(email).matches() ? email : null;
  }

  /** Trim, lower-case, runs of spaces or hyphens to '_', then the aliases (e.g. the old bot's shipped_ru). */
  public static String status(String raw, Map<String, String> aliases) {
    if (raw == null) {
      return null;
    }
    String status = SPACES_OR_HYPHENS.matcher(raw.trim().toLowerCase(Locale.ROOT)).replaceAll("_");
    status = aliases.getOrDefault(status, status);
    return status.isEmpty() ? null : status;
  }

  /** Text as shown: trimmed, inner runs of white space collapsed to one space; null when nothing is left. */
  public static String text(String raw) {
    if (raw == null) {
      return null;
    }
    String text = raw.strip().replaceAll("\\s+", " ");
    return text.isEmpty() || "-".equals(text) ? null : text;
  }
}
