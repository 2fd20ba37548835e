package com.cjmflow.ai.writer;

import java.util.regex.Pattern;

/**
 * Personal data out of text that leaves the service: e-mail addresses and phone numbers become {@code [e-mail]} and
 * {@code [phone]}. Dates, amounts and order numbers are left alone (a phone needs ten or more digits in the usual
 * groupings).
 */
public final class Masking {

  static final String EMAIL_MASK = "[e-mail]";
  static final String PHONE_MASK = "[phone]";
  private static final Pattern EMAIL = Pattern.compile("[\\p{L}0-9._%+-]+@[\\p{L}0-9-]+(\\.[\\p{L}0-9-]+)+");
  private static final Pattern PHONE = Pattern.compile(
      "(?<![\\w-])(\\+?\\d{1,3}[\\s-]*)?\\(?\\d{3}\\)?[\\s-]*\\d{3}[\\s-]*\\d{2}[\\s-]*\\d{2}(?![\\w-])");

  private Masking() {}

  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    return PHONE.matcher(EMAIL.matcher(text).replaceAll(EMAIL_MASK)).replaceAll(PHONE_MASK);
  }

  /** Masks when {@code enabled}, else answers the text as it is. */
  public static String mask(String text, boolean enabled) {
    return enabled ? mask(text) : text;
  }
}
