package com.cjmflow.calendar;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;

/** The seeded calendars of V3, built without a database for the arithmetic tests. */
final class TestCalendars {

  private TestCalendars() {}

  static BusinessCalendar sellerDe(ExtraDay... days) {
    return calendar("seller-DE", "Europe/Berlin", "DE", 1, 5, "09:00", "18:00", days);
  }

  static BusinessCalendar sellerFr() {
    return calendar("seller-FR", "Europe/Paris", "FR", 1, 5, "09:00", "18:00");
  }

  static BusinessCalendar ruOffice(ExtraDay... days) {
    return calendar("ru-office", "Europe/Moscow", "RU", 1, 5, "09:00", "18:00", days);
  }

  static BusinessCalendar ruClient() {
    return calendar("ru-client", "Europe/Moscow", "RU", 1, 6, "10:00", "20:00");
  }

  static BusinessCalendar warehouse() {
    return calendar("warehouse", "Europe/Berlin", "DE", 1, 5, "08:00", "17:00");
  }

  static BusinessCalendar always() {
    return calendar("always", "UTC", null, 1, 7, "00:00", "00:00");
  }

  static BusinessCalendar calendar(String id, String zone, String country, int firstDay, int lastDay, String start,
      String end, ExtraDay... days) {
    List<WorkingHours> hours = IntStream.rangeClosed(firstDay, lastDay)
        .mapToObj(d -> new WorkingHours(DayOfWeek.of(d), LocalTime.parse(start), LocalTime.parse(end))).toList();
    return new BusinessCalendar(new CalendarDefinition(id, id, ZoneId.of(zone), country, null, hours,
        List.of(days), null, null), PublicHolidays.of(country, null));
  }
}
