package com.cjmflow.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which days of a calendar are worked and when: the weekday's hours, unless the day is a public holiday or an extra
 * holiday; an extra workday is worked even on a weekend or public holiday (with its weekday's hours, or the hours of
 * the first worked weekday when that weekday has none). Period boundaries are local wall-clock times resolved in the
 * zone, so they follow DST changes.
 */
final class WorkingDays {

  /** A working period as instants, {@code [start, end)}. */
  record Period(Instant start, Instant end) {}

  private final ZoneId zone;
  private final Map<DayOfWeek, WorkingHours> hours = new EnumMap<>(DayOfWeek.class);
  private final Map<LocalDate, ExtraDay> extraDays;
  private final PublicHolidays publicHolidays;
  private final WorkingHours fallback;

  WorkingDays(CalendarDefinition definition, PublicHolidays publicHolidays) {
    this.zone = definition.zone();
    definition.hours().forEach(h -> hours.put(h.weekday(), h));
    this.extraDays = definition.days().stream().collect(Collectors.toMap(ExtraDay::day, Function.identity()));
    this.publicHolidays = publicHolidays;
    this.fallback = hours.values().stream().findFirst().orElse(null);
  }

  /** True when no day is ever worked (no hours and no extra workday): nothing can ever fall due. */
  boolean never() {
    return hours.isEmpty();
  }

  /** The working period of a day, empty when the day is not worked. */
  Optional<Period> period(LocalDate date) {
    return hours(date).map(h -> new Period(ZonedDateTime.of(date, h.start(), zone).toInstant(),
        h.untilMidnight() ? date.plusDays(1).atStartOfDay(zone).toInstant()
            : ZonedDateTime.of(date, h.end(), zone).toInstant()));
  }

  Optional<WorkingHours> hours(LocalDate date) {
    ExtraDay extra = extraDays.get(date);
    WorkingHours usual = hours.get(date.getDayOfWeek());
    if (extra != null) {
      return extra.workday() ? Optional.ofNullable(usual != null ? usual : fallback) : Optional.empty();
    }
    return publicHolidays.on(date) == null ? Optional.ofNullable(usual) : Optional.empty();
  }

  /** The name of the holiday on a date (an extra holiday, else a public holiday not overridden by an extra workday). */
  Optional<String> holiday(LocalDate date) {
    ExtraDay extra = extraDays.get(date);
    if (extra != null) {
      return extra.workday() ? Optional.empty() : Optional.of(extra.name());
    }
    return Optional.ofNullable(publicHolidays.on(date));
  }

  /** The holidays from {@code first} to {@code last}, both included. */
  List<Holiday> holidays(LocalDate first, LocalDate last) {
    List<Holiday> found = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      LocalDate date = day;
      holiday(date).ifPresent(name -> found.add(new Holiday(date, name)));
    }
    return found;
  }

  List<Holiday> publicHolidays(int year) {
    return publicHolidays.in(year).entrySet().stream().map(e -> new Holiday(e.getKey(), e.getValue())).toList();
  }
}
