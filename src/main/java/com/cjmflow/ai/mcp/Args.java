package com.cjmflow.ai.mcp;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

import com.cjmflow.ai.AiInvalid;

/** A tool call's arguments, read with the checks a REST request body gets (a wrong type is a 400). */
record Args(Map<String, Object> values) {

  String text(String name) {
    Object value = values.get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new AiInvalid(name + " must be a string");
    }
    return text.isBlank() ? null : text;
  }

  /** A text of at most {@code max} characters (longer is a 400, as the REST body's size check). */
  String text(String name, int max) {
    String text = text(name);
    if (text != null && text.length() > max) {
      throw new AiInvalid(name + " has at most " + max + " characters");
    }
    return text;
  }

  Long number(String name) {
    Long value = numberOrNull(name);
    if (value == null && values.get(name) != null) {
      throw new AiInvalid(name + " must be an integer");
    }
    if (value != null && value < 1) {
      throw new AiInvalid(name + " must be positive");
    }
    return value;
  }

  Long numberOrNull(String name) {
    Object value = values.get(name);
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    if (value instanceof String s && s.matches("\\d{1,18}")) {
      return Long.valueOf(s);
    }
    return null;
  }

  long required(String name) {
    Long value = number(name);
    if (value == null) {
      throw new AiInvalid(name + " is required");
    }
    return value;
  }

  Boolean flag(String name) {
    Object value = values.get(name);
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    throw new AiInvalid(name + " must be true or false");
  }

  OffsetDateTime time(String name) {
    String value = text(name);
    if (value == null) {
      throw new AiInvalid(name + " is required (ISO-8601 with offset)");
    }
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw new AiInvalid(name + " must be an ISO-8601 date-time with offset");
    }
  }

  int page() {
    Long page = numberOrNull("page");
    return page == null ? 0 : (int) Math.min(10_000, page);
  }

  int size(int fallback) {
    Long size = numberOrNull("size") != null ? numberOrNull("size") : numberOrNull("limit");
    return size == null ? fallback : (int) Math.max(1, Math.min(200, size));
  }
}
