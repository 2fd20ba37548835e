package com.cjmflow.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A dated exception the process owner keeps for a calendar: a {@code holiday} (not worked) or a {@code workday} (worked
 * although it falls on a weekend or a public holiday).
 */
public record ExtraDay(LocalDate day, String kind, String name) {

  public static final String HOLIDAY = "holiday";
  public static final String WORKDAY = "workday";

  public ExtraDay {
    Objects.requireNonNull(day, "day");
    if (!HOLIDAY.equals(kind) && !WORKDAY.equals(kind)) {
      throw new IllegalArgumentException("kind must be holiday or workday: " + kind);
    }
  }

  public boolean workday() {
    return WORKDAY.equals(kind);
  }
}
