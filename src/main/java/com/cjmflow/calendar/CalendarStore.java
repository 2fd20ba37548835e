package com.cjmflow.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.cjmflow.platform.EngineClock;

/**
 * The calendar tables ({@code crm_business_calendars}, {@code _hours}, {@code _days}) in plain, portable SQL. The
 * column {@code "day"} is always quoted: DAY is a keyword in H2.
 */
@Repository
class CalendarStore {

  /** A row of {@code crm_business_calendars}; {@link #definition} adds its hours and days. */
  private record CalendarRow(String id, String name, String timeZone, String holidayCountry,
      String holidaySubdivision, OffsetDateTime updatedAt, String updatedBy) {

    CalendarDefinition definition(List<WorkingHours> hours, List<ExtraDay> days) {
      return new CalendarDefinition(id, name, ZoneId.of(timeZone), holidayCountry, holidaySubdivision, hours, days,
          updatedAt, updatedBy);
    }
  }

  /** A row of {@code crm_business_calendar_hours}: the weekday is ISO-numbered (1 = Monday). */
  private record HoursRow(int weekday, LocalTime startTime, LocalTime endTime) {

    WorkingHours hours() {
      return new WorkingHours(DayOfWeek.of(weekday), startTime, endTime);
    }
  }

  private final JdbcClient jdbc;
  /** Only for the batch insert of a week's hours ({@link JdbcClient} has no batches). */
  private final JdbcTemplate batch;

  CalendarStore(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  List<String> ids() {
    return jdbc.sql("select id from crm_business_calendars order by id").query(String.class).list();
  }

  boolean exists(String id) {
    return jdbc.sql("select count(*) from crm_business_calendars where id = :id").param("id", id).query(Long.class)
        .single() > 0;
  }

  Optional<CalendarDefinition> load(String id) {
    List<WorkingHours> hours = jdbc.sql("""
        select weekday, start_time, end_time from crm_business_calendar_hours where calendar_id = :id
        order by weekday""").param("id", id).query(HoursRow.class).list().stream().map(HoursRow::hours).toList();
    List<ExtraDay> days = jdbc.sql("""
        select "day", kind, name from crm_business_calendar_days where calendar_id = :id order by "day\"""")
        .param("id", id).query(ExtraDay.class).list();
    return jdbc.sql("""
        select id, name, time_zone, holiday_country, holiday_subdivision, updated_at, updated_by
        from crm_business_calendars where id = :id""").param("id", id).query(CalendarRow.class).optional()
        .map(row -> row.definition(hours, days));
  }

  void replaceHours(String id, List<WorkingHours> hours) {
    jdbc.sql("delete from crm_business_calendar_hours where calendar_id = :id").param("id", id).update();
    batch.batchUpdate("insert into crm_business_calendar_hours (calendar_id, weekday, start_time, end_time)"
        + " values (?, ?, ?, ?)", hours.stream()
        .map(h -> new Object[] {id, h.weekday().getValue(), h.start(), h.end()}).toList());
  }

  void putDay(String id, ExtraDay day) {
    int updated = jdbc.sql(
        "update crm_business_calendar_days set kind = :kind, name = :name where calendar_id = :id and \"day\" = :day")
        .param("kind", day.kind()).param("name", day.name()).param("id", id).param("day", day.day()).update();
    if (updated == 0) {
      jdbc.sql("""
          insert into crm_business_calendar_days (calendar_id, "day", kind, name) values (:id, :day, :kind, :name)""")
          .param("id", id).param("day", day.day()).param("kind", day.kind()).param("name", day.name()).update();
    }
  }

  boolean deleteDay(String id, LocalDate day) {
    return jdbc.sql("delete from crm_business_calendar_days where calendar_id = :id and \"day\" = :day")
        .param("id", id).param("day", day).update() > 0;
  }

  void touch(String id, String user) {
    jdbc.sql("update crm_business_calendars set updated_at = :at, updated_by = :user where id = :id")
        .param("at", EngineClock.now()).param("user", user).param("id", id).update();
  }
}
