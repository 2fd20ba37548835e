package com.cjmflow.calendar;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Objects;

/**
 * The one working interval of a weekday, {@code [start, end)} in the calendar's zone. An {@code end} of
 * {@link LocalTime#MIDNIGHT} means midnight at the end of the day (24:00), so intervals never span midnight and a whole
 * day is 00:00–24:00.
 */
public record WorkingHours(DayOfWeek weekday, LocalTime start, LocalTime end) {

  public WorkingHours {
    Objects.requireNonNull(weekday, "weekday");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!ordered(start, end)) {
      throw new IllegalArgumentException("working hours must start before they end: " + start + "-" + end);
    }
  }

  /** True when {@code start} lies before {@code end}, reading an end of 00:00 as 24:00. */
  public static boolean ordered(LocalTime start, LocalTime end) {
    return end.equals(LocalTime.MIDNIGHT) || start.isBefore(end);
  }

  public boolean untilMidnight() {
    return end.equals(LocalTime.MIDNIGHT);
  }

  /** {@code HH:mm} (with seconds when set), the end of the day as {@code 24:00}. */
  public static String text(LocalTime time, boolean isEnd) {
    if (isEnd && time.equals(LocalTime.MIDNIGHT)) {
      return "24:00";
    }
    return time.getSecond() == 0 && time.getNano() == 0 ? String.format("%02d:%02d", time.getHour(), time.getMinute())
        : time.toString();
  }

  /** E.g. {@code 09:00–18:00}. */
  public String interval() {
    return text(start, false) + "–" + text(end, true);
  }

  static String shortName(DayOfWeek day) {
    return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
  }
}
