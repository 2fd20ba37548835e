package com.cjmflow.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The English sentence behind a due date, e.g. "8 business hours in seller-DE (Europe/Berlin, Mon–Fri 09:00–18:00),
 * skips 2026-12-25 1st Christmas day". Weekends show only through the working hours.
 */
final class DueExplanation {

  private DueExplanation() {}

  static String of(CalendarDefinition calendar, long wholeDays, Duration rest, List<Holiday> skipped) {
    StringBuilder text = new StringBuilder(budget(wholeDays, rest)).append(" in ").append(calendar.id())
        .append(" (").append(calendar.zone().getId()).append(", ").append(hours(calendar.hours())).append(')');
    if (!skipped.isEmpty()) {
      text.append(", skips ").append(skipped.stream().map(h -> h.date() + " " + h.name())
          .collect(Collectors.joining(", ")));
    }
    return text.toString();
  }

  /** E.g. "8 business hours", "1 business hour 30 minutes", "1 business day + 4 business hours". */
  static String budget(long wholeDays, Duration rest) {
    List<String> parts = new ArrayList<>();
    if (wholeDays > 0) {
      parts.add(count(wholeDays, "business day"));
    }
    List<String> time = new ArrayList<>();
    if (rest.toHours() > 0) {
      time.add(count(rest.toHours(), "hour"));
    }
    if (rest.toMinutesPart() > 0) {
      time.add(count(rest.toMinutesPart(), "minute"));
    }
    if (rest.toSecondsPart() > 0) {
      time.add(count(rest.toSecondsPart(), "second"));
    }
    if (time.isEmpty() && wholeDays == 0) {
      time.add("0 hours");
    }
    if (!time.isEmpty()) {
      time.set(0, time.get(0).replaceFirst(" ", " business "));
      parts.add(String.join(" ", time));
    }
    return String.join(" + ", parts);
  }

  /** Consecutive weekdays with the same hours in one group: "Mon–Fri 09:00–18:00, Sat 10:00–14:00". */
  static String hours(List<WorkingHours> hours) {
    if (hours.isEmpty()) {
      return "no working hours";
    }
    List<WorkingHours> sorted = hours.stream().sorted(Comparator.comparing(WorkingHours::weekday)).toList();
    List<String> groups = new ArrayList<>();
    int from = 0;
    for (int i = 1; i <= sorted.size(); i++) {
      if (i == sorted.size() || !continues(sorted.get(i - 1), sorted.get(i))) {
        DayOfWeek first = sorted.get(from).weekday();
        DayOfWeek last = sorted.get(i - 1).weekday();
        groups.add(WorkingHours.shortName(first) + (first == last ? "" : "–" + WorkingHours.shortName(last)) + " "
            + sorted.get(from).interval());
        from = i;
      }
    }
    return String.join(", ", groups);
  }

  private static boolean continues(WorkingHours previous, WorkingHours next) {
    return next.weekday().getValue() == previous.weekday().getValue() + 1 && next.start().equals(previous.start())
        && next.end().equals(previous.end());
  }

  private static String count(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
