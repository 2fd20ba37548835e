package com.cjmflow.calendar;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Service;

/**
 * The business calendars by id, for SLA due dates: {@code calendars.get("seller-DE").plus(start, budget)}. Calendars
 * are read from the database once and kept in memory until an edit through {@link CalendarEditor} evicts them.
 */
@Service
public class BusinessCalendars {

  private final CalendarStore store;
  private final Map<String, BusinessCalendar> cache = new ConcurrentHashMap<>();
  /** Holiday rules never change at run time; shared by calendars of the same country and subdivision. */
  private final Map<String, PublicHolidays> holidays = new ConcurrentHashMap<>();

  BusinessCalendars(CalendarStore store) {
    this.store = store;
  }

  /**
   * The calendar with this id.
   *
   * @throws UnknownCalendar for an unknown id
   */
  public BusinessCalendar get(String id) {
    BusinessCalendar calendar = cache.computeIfAbsent(id, key -> store.load(key).map(this::build).orElse(null));
    if (calendar == null) {
      throw new UnknownCalendar(id);
    }
    return calendar;
  }

  /** Every calendar, by id. */
  public List<CalendarSummary> list() {
    return store.ids().stream().map(id -> get(id).summary()).toList();
  }

  void evict(String id) {
    cache.remove(id);
  }

  private BusinessCalendar build(CalendarDefinition definition) {
    String country = definition.holidayCountry();
    String key = (country == null ? "" : country.toLowerCase(Locale.ROOT)) + "/"
        + (definition.holidaySubdivision() == null ? "" : definition.holidaySubdivision().toLowerCase(Locale.ROOT));
    return new BusinessCalendar(definition,
        holidays.computeIfAbsent(key, k -> PublicHolidays.of(country, definition.holidaySubdivision())));
  }
}
