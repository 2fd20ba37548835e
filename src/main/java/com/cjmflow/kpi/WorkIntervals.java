package com.cjmflow.kpi;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.cjmflow.calendar.BusinessCalendar;
import com.cjmflow.calendar.BusinessCalendars;

/**
 * Materialises the working intervals of a business calendar into {@code kpi_work_intervals} (one row per working
 * day), so SQL can compute business time as the overlap of [start, end] with them. A few rows per day, generated from
 * the calendar in Java; stored as engine-local timestamps like {@code ACT_HI_*}. The days of the managers' zone
 * (midnight to midnight, calendar id {@value #DAYS}) are kept the same way, so one SQL pass can group a range by day.
 */
@Component
class WorkIntervals {

  /** The managers' calendar: the one handling times are measured in. */
  static final String MANAGERS = "ru-office";
  /** The whole days of the managers' zone: the KPI fact dates with their bounds. */
  static final String DAYS = MANAGERS + ":days";

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
  @Transactional
  public void materialise(LocalDate from, LocalDate to) {
    BusinessCalendar calendar = calendars.get(MANAGERS);
    replace(MANAGERS, from, to, (midnight, nextMidnight) -> {
      Instant start = calendar.plus(midnight, Duration.ZERO).dueAt();
      return start.isBefore(nextMidnight) // else not a working day
          ? new Instant[] {start, start.plus(calendar.between(start, nextMidnight))} : null;
    });
  }

  /** Replaces the whole days {@code from}..{@code to} (inclusive) of the managers' zone ({@value #DAYS}). */
  @Transactional
  public void materialiseDays(LocalDate from, LocalDate to) {
    replace(DAYS, from, to, (midnight, nextMidnight) -> new Instant[] {midnight, nextMidnight});
  }

  /** Replaces the rows of {@code calendarId} for the days; {@code interval}: a day's bounds to [start, end] or null. */
  private void replace(String calendarId, LocalDate from, LocalDate to,
      BiFunction<Instant, Instant, Instant[]> interval) {
    ZoneId zone = zone();
    List<Object[]> rows = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      Instant[] bounds =
          interval.apply(day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant());
      if (bounds != null) {
        rows.add(new Object[] {calendarId, day, Timestamp.from(bounds[0]), Timestamp.from(bounds[1])});
      }
    }
    jdbc.update("delete from kpi_work_intervals where calendar_id = ? and work_date >= ? and work_date <= ?",
        calendarId, from, to);
    jdbc.batchUpdate("insert into kpi_work_intervals (calendar_id, work_date, start_at, end_at) values (?, ?, ?, ?)",
        rows);
  }

  /**
   * The earliest start of a task that ended in the range: business time of the range's tasks starts there. The tasks
   * are read by their end time's index: {@code min(START_TIME_)} alone lets PostgreSQL walk the start time's index
   * from the oldest task until one ends in the range (165,000 rows for a day in the middle of 100,000 orders), so the
   * minimum is of an expression no index has ({@code START_TIME_} is never null).
   */
  LocalDate earliestTaskStart(LocalDate from, LocalDate to) {
    Timestamp start = jdbc.queryForObject("""
        select min(coalesce(START_TIME_, END_TIME_)) from ACT_HI_TASKINST
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
