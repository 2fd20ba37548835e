package com.cjmflow.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Business-time arithmetic over one calendar: working hours per weekday in the calendar's zone, minus public holidays
 * (jollyday) and extra holidays, plus extra workdays. Immutable and thread-safe; obtain one from
 * {@link BusinessCalendars#get(String)}.
 *
 * <p>Business time is the time that passes inside working periods. Period boundaries are local wall-clock times
 * resolved in the zone (so 09:00–18:00 stays 09:00–18:00 local across a DST change); a period that itself contains a
 * DST change (only possible with hours around 02:00–03:00) counts its real length.
 */
public final class BusinessCalendar {

  /** How many days in a row may be off before the calendar is considered broken. */
  private static final int MAX_DAYS_OFF = 3660;
  private static final Duration DAY = Duration.ofDays(1);

  private final CalendarDefinition definition;
  private final WorkingDays days;

  BusinessCalendar(CalendarDefinition definition, PublicHolidays publicHolidays) {
    this.definition = definition;
    this.days = new WorkingDays(definition, publicHolidays);
  }

  public String id() {
    return definition.id();
  }

  public ZoneId zone() {
    return definition.zone();
  }

  public CalendarDefinition definition() {
    return definition;
  }

  /** Identity, zone, holiday country and the working hours in one line ("Mon–Fri 09:00–18:00"). */
  public CalendarSummary summary() {
    CalendarDefinition d = definition;
    return new CalendarSummary(d.id(), d.name(), d.zone().getId(), d.holidayCountry(), d.holidaySubdivision(),
        DueExplanation.hours(d.hours()), d.updatedAt(), d.updatedBy());
  }

  /** The public holidays of a year from jollyday (empty without a holiday country), by date. */
  public List<Holiday> publicHolidays(int year) {
    return days.publicHolidays(year);
  }

  /**
   * When a business-time budget that starts at {@code start} runs out, with an explanation.
   *
   * <ul>
   *   <li>A start outside working hours first moves to the start of the next working period.</li>
   *   <li>Each whole 24 h of the budget ({@code P1D} = {@code PT24H}) counts as one <em>working day</em>: the due moves
   *       to the same local time of day on the n-th next working day (clamped into that day's hours when they differ).
   *       So {@code P1D} from Wednesday 15:00 is Thursday 15:00, and from Friday 15:00 it is Monday 15:00.</li>
   *   <li>The rest (under 24 h) is working time: it runs only inside working periods, skipping evenings, weekends and
   *       holidays. A budget that ends exactly at the end of a period is due at that end (e.g. 18:00), not the next
   *       morning.</li>
   * </ul>
   *
   * @throws IllegalArgumentException for a negative budget
   * @throws IllegalStateException when the calendar has no working hours
   */
  public BusinessDue plus(Instant start, Duration budget) {
    Instant due = dueAt(start, budget);
    long wholeDays = budget.toDays();
    return new BusinessDue(due, DueExplanation.of(definition, wholeDays, budget.minus(DAY.multipliedBy(wholeDays)),
        days.holidays(localDate(start), lastDay(start, due))));
  }

  /** {@link #plus} without the explanation, for bulk evaluation (the SLA backtest). */
  public Instant dueAt(Instant start, Duration budget) {
    if (budget.isNegative()) {
      throw new IllegalArgumentException("a budget must not be negative: " + budget);
    }
    long wholeDays = budget.toDays();
    Duration rest = budget.minus(DAY.multipliedBy(wholeDays));
    Instant due = addWorkingTime(start, Duration.ZERO);
    if (wholeDays > 0) {
      due = addWorkingDays(due, wholeDays);
    }
    if (!rest.isZero()) {
      due = addWorkingTime(due, rest);
    }
    return due;
  }

  /**
   * The business time that passes from {@code from} to {@code to}: the length of their overlap with the working
   * periods. Negative (and of the same size) when {@code to} is before {@code from}. For budgets under 24 h that start
   * inside working hours it is the inverse of {@link #plus}: {@code between(s, plus(s, d).dueAt()) == d}.
   */
  public Duration between(Instant from, Instant to) {
    if (to.isBefore(from)) {
      return between(to, from).negated();
    }
    Duration elapsed = Duration.ZERO;
    LocalDate last = localDate(to);
    for (LocalDate day = localDate(from); !day.isAfter(last); day = day.plusDays(1)) {
      Optional<WorkingDays.Period> period = days.period(day);
      if (period.isPresent()) {
        Instant begin = max(from, period.get().start());
        Instant end = min(to, period.get().end());
        if (begin.isBefore(end)) {
          elapsed = elapsed.plus(Duration.between(begin, end));
        }
      }
    }
    return elapsed;
  }

  /** Runs {@code amount} of working time from {@code from}; a zero amount gives the next working instant. */
  private Instant addWorkingTime(Instant from, Duration amount) {
    checkWorks();
    Instant cursor = from;
    Duration left = amount;
    int daysOff = 0;
    for (LocalDate day = localDate(from); ; day = day.plusDays(1)) {
      Optional<WorkingDays.Period> period = days.period(day);
      if (period.isPresent() && cursor.isBefore(period.get().end())) {
        daysOff = 0;
        Instant begin = max(cursor, period.get().start());
        Duration available = Duration.between(begin, period.get().end());
        if (left.compareTo(available) <= 0) {
          return begin.plus(left);
        }
        left = left.minus(available);
        cursor = period.get().end();
      } else if (++daysOff > MAX_DAYS_OFF) {
        throw new IllegalStateException("calendar " + id() + " has no working day after " + from);
      }
    }
  }

  /** The same local time on the n-th next working day; {@code from} lies inside a working period. */
  private Instant addWorkingDays(Instant from, long count) {
    ZonedDateTime local = from.atZone(zone());
    LocalTime time = local.toLocalTime();
    LocalDate day = local.toLocalDate();
    for (long n = 0; n < count; n++) {
      day = nextWorkingDay(day);
    }
    WorkingDays.Period period = days.period(day).orElseThrow();
    Instant due = ZonedDateTime.of(day, time, zone()).toInstant();
    return min(max(due, period.start()), period.end());
  }

  private LocalDate nextWorkingDay(LocalDate after) {
    LocalDate day = after.plusDays(1);
    for (int off = 0; days.period(day).isEmpty(); off++) {
      if (off > MAX_DAYS_OFF) {
        throw new IllegalStateException("calendar " + id() + " has no working day after " + after);
      }
      day = day.plusDays(1);
    }
    return day;
  }

  private void checkWorks() {
    if (days.never()) {
      throw new IllegalStateException("calendar " + id() + " has no working hours");
    }
  }

  /** The last local date the budget ran through: a due at midnight ends the day before. */
  private LocalDate lastDay(Instant start, Instant due) {
    ZonedDateTime local = due.atZone(zone());
    return due.isAfter(start) && local.toLocalTime().equals(LocalTime.MIDNIGHT) ? local.toLocalDate().minusDays(1)
        : local.toLocalDate();
  }

  private LocalDate localDate(Instant instant) {
    return instant.atZone(zone()).toLocalDate();
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
