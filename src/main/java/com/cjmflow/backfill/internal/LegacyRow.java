package com.cjmflow.backfill.internal;

import java.util.Map;

/** One row of a legacy table, column name → value as SQLite stored it (TEXT, INTEGER, REAL or NULL). */
public record LegacyRow(Map<String, Object> values) {

  public long id() {
    return lng("id");
  }

  public Object raw(String column) {
    return values.get(column);
  }

  public String str(String column) {
    Object value = values.get(column);
    return value == null ? null : value.toString();
  }

  public Long lng(String column) {
    Object value = values.get(column);
    if (value instanceof Number number) {
      return number.longValue();
    }
    if (value instanceof String text && text.trim().matches("-?\\d+")) {
      return Long.parseLong(text.trim());
    }
    return null;
  }

  public Double dbl(String column) {
    Object value = values.get(column);
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    try {
      return value == null ? null : Double.parseDouble(value.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  public boolean flag(String column) {
    Long value = lng(column);
    return value != null && value != 0;
  }

  /** A stable fingerprint of the row as read (to see on a rerun whether it changed). */
  public String fingerprint() {
    StringBuilder text = new StringBuilder();
    new java.util.TreeMap<>(values).forEach((k, v) -> text.append(k).append('=').append(v).append('\u0001'));
    return Fingerprints.sha256(text.toString());
  }
}
