package com.cjmflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Year;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.Optional;

import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Properties of the business-time arithmetic over random starts in 2026–2027 (with DST changes, weekends, holidays,
 * midnight, starts outside hours and exact boundaries) and random budgets. The oracle for "inside working hours" reads
 * the definition and jollyday directly, not the code under test.
 */
class BusinessCalendarProperties {

  private static final List<BusinessCalendar> CALENDARS = List.of(TestCalendars.sellerDe(), TestCalendars.sellerFr(),
      TestCalendars.ruOffice(), TestCalendars.ruClient(), TestCalendars.warehouse(), TestCalendars.always(),
      // hours around the DST change at 02:00/03:00, so that a working period contains it
      TestCalendars.calendar("night-DE", "Europe/Berlin", "DE", 1, 7, "01:00", "04:00"),
      TestCalendars.calendar("late-DE", "Europe/Berlin", "DE", 1, 6, "14:00", "00:00"));

  /** The oracle's own holiday dates per country and year, straight from jollyday. */
  private static final Map<String, Set<LocalDate>> HOLIDAYS = new ConcurrentHashMap<>();

  @Property(tries = 2000)
  void dueIsNotBeforeStartAndLiesInWorkingHours(@ForAll("calendars") BusinessCalendar calendar,
      @ForAll("starts") LocalDateTime start, @ForAll("budgets") Duration budget) {
    Instant from = start.atZone(calendar.zone()).toInstant();
    Instant due = calendar.plus(from, budget).dueAt();
    assertThat(due).isAfterOrEqualTo(from);
    assertThat(inWorkingHours(calendar, due)).as("%s in %s", due.atZone(calendar.zone()), calendar.id()).isTrue();
  }

  @Property(tries = 2000)
  void betweenIsTheInverseOfPlusForSubDayBudgets(@ForAll("workingStarts") Start start,
      @ForAll("subDayBudgets") Duration budget) {
    BusinessCalendar calendar = start.calendar();
    assertThat(calendar.between(start.at(), calendar.plus(start.at(), budget).dueAt())).isEqualTo(budget);
  }

  @Property(tries = 2000)
  void plusIsAdditiveForSubDayBudgets(@ForAll("workingStarts") Start start, @ForAll("subDayBudgets") Duration a,
      @ForAll("subDayBudgets") Duration b) {
    Assume.that(a.plus(b).compareTo(Duration.ofDays(1)) < 0);
    BusinessCalendar calendar = start.calendar();
    Instant stepwise = calendar.plus(calendar.plus(start.at(), a).dueAt(), b).dueAt();
    assertThat(stepwise).isEqualTo(calendar.plus(start.at(), a.plus(b)).dueAt());
  }

  @Property(tries = 1000)
  void aroundTheClockIsPlainTime(@ForAll("starts") LocalDateTime start, @ForAll("budgets") Duration budget) {
    BusinessCalendar always = TestCalendars.always();
    Instant from = start.atZone(always.zone()).toInstant();
    assertThat(always.plus(from, budget).dueAt()).isEqualTo(from.plus(budget));
    assertThat(always.between(from, from.plus(budget))).isEqualTo(budget);
  }

  @Property(tries = 1000)
  void wholeDaysKeepTheLocalTimeOfDay(@ForAll("workingStarts") Start start, @ForAll("days") int days) {
    BusinessCalendar calendar = start.calendar();
    Assume.that(!calendar.id().equals("night-DE")); // its 01:00-04:00 may not exist on the day of the spring change
    ZonedDateTime from = start.at().atZone(calendar.zone());
    ZonedDateTime due = calendar.plus(start.at(), Duration.ofDays(days)).dueAt().atZone(calendar.zone());
    assertThat(due.toLocalTime()).isEqualTo(from.toLocalTime());
    assertThat(due.toLocalDate()).isAfter(from.toLocalDate());
  }

  /** A calendar and an instant inside one of its working periods (its end excluded). */
  record Start(BusinessCalendar calendar, Instant at) {
    @Override
    public String toString() {
      return calendar.id() + " " + at.atZone(calendar.zone());
    }
  }

  @Provide
  Arbitrary<Start> workingStarts() {
    Arbitrary<LocalDate> dates = Arbitraries.integers().between(0, 729).map(LocalDate.of(2026, 1, 1)::plusDays);
    Arbitrary<Double> fractions = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.doubles().between(0, 1)),
        Tuple.of(1, Arbitraries.of(0.0)));
    return Combinators.combine(calendars(), dates, fractions).as((calendar, date, fraction) ->
        period(calendar, date).map(p -> {
          long minutes = Duration.between(p[0], p[1]).toMinutes();
          return new Start(calendar, p[0].plus(Duration.ofMinutes(Math.min(minutes - 1, (long) (fraction * minutes)))));
        }).orElse(null)).filter(Objects::nonNull);
  }

  @Provide
  Arbitrary<BusinessCalendar> calendars() {
    return Arbitraries.of(CALENDARS);
  }

  /** Local date-times in 2026–2027, biased to opening and closing times and midnight. */
  @Provide
  Arbitrary<LocalDateTime> starts() {
    Arbitrary<LocalDate> dates = Arbitraries.integers().between(0, 729).map(LocalDate.of(2026, 1, 1)::plusDays);
    Arbitrary<LocalTime> times = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.integers().between(0, 24 * 60 - 1).map(m -> LocalTime.ofSecondOfDay(m * 60L))),
        Tuple.of(1, Arbitraries.of(LocalTime.MIDNIGHT, LocalTime.of(1, 0), LocalTime.of(2, 30), LocalTime.of(3, 0),
            LocalTime.of(4, 0), LocalTime.of(8, 0), LocalTime.of(9, 0), LocalTime.of(10, 0), LocalTime.of(14, 0),
            LocalTime.of(17, 0), LocalTime.of(18, 0), LocalTime.of(20, 0), LocalTime.of(23, 59))));
    return Combinators.combine(dates, times).as(LocalDate::atTime);
  }

  @Provide
  Arbitrary<Duration> subDayBudgets() {
    return Arbitraries.integers().between(1, 24 * 60 - 1).map(Duration::ofMinutes);
  }

  /** Sub-day budgets and budgets of one to five working days plus hours. */
  @Provide
  Arbitrary<Duration> budgets() {
    return Arbitraries.oneOf(subDayBudgets(), Combinators.combine(days(), subDayBudgets())
        .as((d, rest) -> Duration.ofDays(d).plus(rest)), days().map(Duration::ofDays));
  }

  @Provide
  Arbitrary<Integer> days() {
    return Arbitraries.integers().between(1, 5);
  }

  // ---------------------------------------------------------------- the oracle

  /** True when the instant lies in a working period of a working day, its end included. */
  private static boolean inWorkingHours(BusinessCalendar calendar, Instant instant) {
    LocalDate date = instant.atZone(calendar.zone()).toLocalDate();
    return period(calendar, date).filter(p -> !instant.isBefore(p[0]) && !instant.isAfter(p[1])).isPresent()
        || period(calendar, date.minusDays(1)).filter(p -> instant.equals(p[1])).isPresent();
  }

  private static Optional<Instant[]> period(BusinessCalendar calendar, LocalDate date) {
    CalendarDefinition definition = calendar.definition();
    String country = definition.holidayCountry();
    if (country != null && HOLIDAYS.computeIfAbsent(country + date.getYear(), key ->
        HolidayManager.getInstance(ManagerParameters.create(country.toLowerCase(Locale.ROOT)))
            .getHolidays(Year.of(date.getYear()), HolidayType.PUBLIC_HOLIDAY).stream().map(h -> h.getDate())
            .collect(Collectors.toSet())).contains(date)) {
      return Optional.empty();
    }
    return definition.hours().stream().filter(h -> h.weekday() == date.getDayOfWeek()).findFirst()
        .map(h -> new Instant[] {ZonedDateTime.of(date, h.start(), calendar.zone()).toInstant(),
            h.end().equals(LocalTime.MIDNIGHT) ? date.plusDays(1).atStartOfDay(calendar.zone()).toInstant()
                : ZonedDateTime.of(date, h.end(), calendar.zone()).toInstant()});
  }
}
