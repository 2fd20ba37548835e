package com.cjmflow.calendar.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Year;
import java.util.List;
import java.util.stream.Stream;

import com.cjmflow.calendar.BusinessCalendar;
import com.cjmflow.calendar.CalendarDefinition;
import com.cjmflow.calendar.Holiday;
import com.cjmflow.calendar.WorkingHours;

/**
 * A calendar as the process owner sees it: zone, holiday country, working hours per ISO weekday (end 24:00 = midnight),
 * extra days, and the public holidays (jollyday) of the current and the next year.
 */
record CalendarView(String id, String name, String timeZone, String holidayCountry, String holidaySubdivision,
    String workingHours, List<Hours> hours, List<Day> extraDays, List<Holiday> publicHolidays,
    OffsetDateTime updatedAt, String updatedBy) {

  record Hours(int weekday, String day, String start, String end) {}

  record Day(LocalDate date, String kind, String name) {}

  static CalendarView of(BusinessCalendar calendar) {
    CalendarDefinition d = calendar.definition();
    int year = Year.now(calendar.zone()).getValue();
    return new CalendarView(d.id(), d.name(), d.zone().getId(), d.holidayCountry(), d.holidaySubdivision(),
        calendar.summary().workingHours(),
        d.hours().stream().map(h -> new Hours(h.weekday().getValue(), h.weekday().name(),
            WorkingHours.text(h.start(), false), WorkingHours.text(h.end(), true))).toList(),
        d.days().stream().map(x -> new Day(x.day(), x.kind(), x.name())).toList(),
        Stream.concat(calendar.publicHolidays(year).stream(), calendar.publicHolidays(year + 1).stream()).toList(),
        d.updatedAt(), d.updatedBy());
  }
}
