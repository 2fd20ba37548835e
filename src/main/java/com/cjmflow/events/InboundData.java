package com.cjmflow.events;

import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;


import com.fasterxml.jackson.databind.JsonNode;
import com.cjmflow.platform.DomainException;

/** Reading an inbound event's data: a missing or ill-typed field is a 400 problem that names it. */
public final class InboundData {

  public static final URI INVALID_EVENT = URI.create("urn:cjm:problem:invalid-event");

  private InboundData() {}

  public static String text(JsonNode data, String field) {
    JsonNode value = data.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw invalid("data." + field + " must be a non-empty string");
    }
    return value.asText().trim();
  }

  public static String optionalText(JsonNode data, String field) {
    JsonNode value = data.get(field);
    return value == null || value.isNull() ? null : text(data, field);
  }

  public static long id(JsonNode data, String field) {
    JsonNode value = data.get(field);
    if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong() || value.asLong() < 1) {
      throw invalid("data." + field + " must be a positive whole number");
    }
    return value.asLong();
  }

  public static BigDecimal amount(JsonNode data, String field) {
    JsonNode value = data.get(field);
    if (value == null || !value.isNumber() || value.decimalValue().signum() <= 0
        || value.decimalValue().scale() > 2 || value.decimalValue().precision() > 12) {
      throw invalid("data." + field + " must be a positive amount with at most 2 decimals");
    }
    return value.decimalValue();
  }

  public static OffsetDateTime time(JsonNode data, String field, OffsetDateTime fallback) {
    JsonNode value = data.get(field);
    if (value == null || value.isNull()) {
      if (fallback == null) {
        throw invalid("data." + field + " is required");
      }
      return fallback;
    }
    return parseTime(value.asText(), "data." + field);
  }

  public static boolean flag(JsonNode data, String field) {
    JsonNode value = data.get(field);
    if (value != null && !value.isNull() && !value.isBoolean()) {
      throw invalid("data." + field + " must be true or false");
    }
    return value != null && value.asBoolean();
  }

  public static OffsetDateTime parseTime(String text, String what) {
    try {
      return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw invalid(what + " must be an RFC 3339 date-time with an offset");
    }
  }

  public static DomainException invalid(String detail) {
    return new DomainException.Invalid("invalid-event", detail);
  }
}
