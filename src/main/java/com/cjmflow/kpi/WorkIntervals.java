package com.cjmflow.kpi;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.cjmflow.calendar.BusinessCalendar;
import com.cjmflow.calendar.BusinessCalendars;

/**
 * Materialises the working intervals of a business calendar into {@code kpi_work_intervals} (one row per working
 * day), so SQL can compute business time as the overlap of [start, end] with them. A few rows per day, generated from
 * the calendar in Java; stored as engine-local timestamps like {@code ACT_HI_*}.
 */
@Component
class WorkIntervals {

  /** The managers' calendar: the one handling times are measured in. */
  static final String MANAGERS = "ru-office";

  private final JdbcTemplate jdbc;
  private final BusinessCalendars calendars;

  WorkIntervals(JdbcTemplate jdbc, BusinessCalendars calendars) {
    this.jdbc = jdbc;
    this.calendars = calendars;
  }

  ZoneId zone() {
    return calendars.get(MANAGERS).zone();
  }

  /** Replaces the intervals of the managers' calendar for the days {@code from}..{@code to} (inclusive). */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void materialise(LocalDate from, LocalDate to) {
    BusinessCalendar calendar = calendars.get(MANAGERS);
    List<Object[]> rows = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      Instant midnight = day.atStartOfDay(calendar.zone()).toInstant();
      Instant nextMidnight = day.plusDays(1).atStartOfDay(calendar.zone()).toInstant();
      Instant start = calendar.plus(midnight, Duration.ZERO).dueAt();
      if (!start.isBefore(nextMidnight)) {
        continue; // not a working day
      }
      Duration working = calendar.between(start, nextMidnight);
      rows.add(new Object[] {MANAGERS, day, Timestamp.from(start), Timestamp.from(start.plus(working))});
    }
    jdbc.update("delete from kpi_work_intervals where calendar_id = ? and work_date >= ? and work_date <= ?",
        MANAGERS, from, to);
    jdbc.batchUpdate("insert into kpi_work_intervals (calendar_id, work_date, start_at, end_at) values (?, ?, ?, ?)",
        rows);
  }

  /** The earliest start of a task that ended in the range: business time of the range's tasks starts there. */
  LocalDate earliestTaskStart(LocalDate from, LocalDate to) {
    Timestamp start = jdbc.queryForObject("""
        select min(START_TIME_) from ACT_HI_TASKINST
         where ASSIGNEE_ is not null and END_TIME_ >= ? and END_TIME_ < ?""", Timestamp.class,
        Timestamp.from(from.atStartOfDay(zone()).toInstant()),
        Timestamp.from(to.plusDays(1).atStartOfDay(zone()).toInstant()));
    if (start == null) {
      return from;
    }
    LocalDate first = start.toInstant().atZone(zone()).toLocalDate();
    return first.isBefore(from) ? first : from;
  }
}
