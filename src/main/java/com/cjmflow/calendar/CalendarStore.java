package com.cjmflow.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.cjmflow.platform.EngineClock;

/**
 * The calendar tables ({@code crm_business_calendars}, {@code _hours}, {@code _days}) in plain, portable SQL. The
 * column {@code "day"} is always quoted: DAY is a keyword in H2.
 */
@Repository
class CalendarStore {

  private final JdbcTemplate jdbc;

  CalendarStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<String> ids() {
    return jdbc.queryForList("select id from crm_business_calendars order by id", String.class);
  }

  boolean exists(String id) {
    return jdbc.queryForObject("select count(*) from crm_business_calendars where id = ?", Long.class, id) > 0;
  }

  Optional<CalendarDefinition> load(String id) {
    List<WorkingHours> hours = jdbc.query(
        "select weekday, start_time, end_time from crm_business_calendar_hours where calendar_id = ? order by weekday",
        (rs, i) -> new WorkingHours(DayOfWeek.of(rs.getInt("weekday")), rs.getObject("start_time", LocalTime.class),
            rs.getObject("end_time", LocalTime.class)), id);
    List<ExtraDay> days = jdbc.query(
        "select \"day\", kind, name from crm_business_calendar_days where calendar_id = ? order by \"day\"",
        (rs, i) -> new ExtraDay(rs.getObject("day", LocalDate.class), rs.getString("kind"), rs.getString("name")), id);
    return jdbc.query("""
        select id, name, time_zone, holiday_country, holiday_subdivision, updated_at, updated_by
        from crm_business_calendars where id = ?""",
        (rs, i) -> new CalendarDefinition(rs.getString("id"), rs.getString("name"),
            ZoneId.of(rs.getString("time_zone")), rs.getString("holiday_country"),
            rs.getString("holiday_subdivision"), hours, days, rs.getObject("updated_at", OffsetDateTime.class),
            rs.getString("updated_by")), id).stream().findFirst();
  }

  void replaceHours(String id, List<WorkingHours> hours) {
    jdbc.update("delete from crm_business_calendar_hours where calendar_id = ?", id);
    jdbc.batchUpdate("insert into crm_business_calendar_hours (calendar_id, weekday, start_time, end_time)"
        + " values (?, ?, ?, ?)", hours.stream()
        .map(h -> new Object[] {id, h.weekday().getValue(), h.start(), h.end()}).toList());
  }

  void putDay(String id, ExtraDay day) {
    int updated = jdbc.update(
        "update crm_business_calendar_days set kind = ?, name = ? where calendar_id = ? and \"day\" = ?",
        day.kind(), day.name(), id, day.day());
    if (updated == 0) {
      jdbc.update("insert into crm_business_calendar_days (calendar_id, \"day\", kind, name) values (?, ?, ?, ?)",
          id, day.day(), day.kind(), day.name());
    }
  }

  boolean deleteDay(String id, LocalDate day) {
    return jdbc.update("delete from crm_business_calendar_days where calendar_id = ? and \"day\" = ?", id, day) > 0;
  }

  void touch(String id, String user) {
    jdbc.update("update crm_business_calendars set updated_at = ?, updated_by = ? where id = ?",
        EngineClock.now(), user, id);
  }
}
