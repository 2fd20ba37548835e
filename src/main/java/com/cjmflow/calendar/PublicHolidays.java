package com.cjmflow.calendar;

import java.time.LocalDate;
import java.time.Year;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;

/**
 * The public holidays of a country (and optionally a subdivision) from jollyday, by year, with English names. Only
 * {@link HolidayType#PUBLIC_HOLIDAY}s count (observances such as Good Friday in the Netherlands do not close offices);
 * a holiday that jollyday moves (e.g. a Russian holiday on a Saturday moved to Monday) counts on its observed date.
 * Computed years are kept; thread-safe.
 */
final class PublicHolidays {

  private static final PublicHolidays NONE = new PublicHolidays(null, null);

  private final HolidayManager manager;
  private final String[] subdivision;
  private final Map<Integer, Map<LocalDate, String>> years = new ConcurrentHashMap<>();

  private PublicHolidays(HolidayManager manager, String subdivision) {
    this.manager = manager;
    this.subdivision = subdivision == null ? new String[0] : new String[] {subdivision.toLowerCase(Locale.ROOT)};
  }

  /** The holidays of an ISO 3166 alpha-2 country; {@code null} country means none at all. */
  static PublicHolidays of(String country, String subdivision) {
    if (country == null || country.isBlank()) {
      return NONE;
    }
    return new PublicHolidays(HolidayManager.getInstance(ManagerParameters.create(country.toLowerCase(Locale.ROOT))),
        subdivision);
  }

  /** Date → English name; several holidays on one date share it as "A / B". */
  Map<LocalDate, String> in(int year) {
    if (manager == null) {
      return Map.of();
    }
    return years.computeIfAbsent(year, this::load);
  }

  String on(LocalDate date) {
    return in(date.getYear()).get(date);
  }

  private Map<LocalDate, String> load(int year) {
    Map<LocalDate, String> days = new TreeMap<>();
    manager.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, subdivision).stream().sorted()
        .forEach(holiday -> days.merge(holiday.getDate(), holiday.getDescription(Locale.ENGLISH),
            (a, b) -> a.equals(b) ? a : a + " / " + b));
    return Collections.unmodifiableMap(days);
  }
}
