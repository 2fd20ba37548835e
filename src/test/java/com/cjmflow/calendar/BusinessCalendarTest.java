package com.cjmflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** Due dates in business time: weekends, holidays, DST changes, starts outside hours, boundaries and working days. */
class BusinessCalendarTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

  @Test
  void weekendIsSkipped() {
    // Friday 2026-11-20 17:00 in Berlin + 2 business hours: one hour on Friday, one on Monday
    BusinessDue due = TestCalendars.sellerDe().plus(at("2026-11-20T17:00", BERLIN), Duration.ofHours(2));
    assertThat(local(due, BERLIN)).isEqualTo("2026-11-23T10:00");
    assertThat(due.explanation())
        .isEqualTo("2 business hours in seller-DE (Europe/Berlin, Mon–Fri 09:00–18:00)");
  }

  @Test
  void christmasIsSkippedAndNamed() {
    // Thursday 2026-12-24 17:00; Friday 25th and Saturday 26th are public holidays in Germany
    BusinessDue due = TestCalendars.sellerDe().plus(at("2026-12-24T17:00", BERLIN), Duration.ofHours(2));
    assertThat(local(due, BERLIN)).isEqualTo("2026-12-28T10:00");
    assertThat(due.explanation()).isEqualTo("2 business hours in seller-DE (Europe/Berlin, Mon–Fri 09:00–18:00),"
        + " skips 2026-12-25 1st Christmas day, 2026-12-26 2nd Christmas day");
  }

  @Test
  void extraHolidaysAndWorkdaysOfTheCalendarCount() {
    BusinessCalendar calendar = TestCalendars.sellerDe(
        new ExtraDay(LocalDate.parse("2026-11-23"), ExtraDay.HOLIDAY, "Company outing"),
        new ExtraDay(LocalDate.parse("2026-11-21"), ExtraDay.WORKDAY, "Stocktaking Saturday"));
    // Friday 17:00 + 3h: 1h Friday, Saturday is worked (09:00-11:00), Monday is off
    BusinessDue due = calendar.plus(at("2026-11-20T17:00", BERLIN), Duration.ofHours(3));
    assertThat(local(due, BERLIN)).isEqualTo("2026-11-21T11:00");
    BusinessDue later = calendar.plus(at("2026-11-21T17:00", BERLIN), Duration.ofHours(2));
    assertThat(local(later, BERLIN)).isEqualTo("2026-11-24T10:00");
    assertThat(later.explanation()).endsWith("skips 2026-11-23 Company outing");
  }

  @Test
  void springDstChangeKeepsLocalHours() {
    // Clocks go forward on Sunday 2026-03-29 in Berlin
    BusinessDue due = TestCalendars.sellerDe().plus(at("2026-03-27T17:00", BERLIN), Duration.ofHours(3));
    assertThat(local(due, BERLIN)).isEqualTo("2026-03-30T11:00");
    assertThat(due.dueAt()).isEqualTo(Instant.parse("2026-03-30T09:00:00Z"));
  }

  @Test
  void autumnDstChangeKeepsLocalHours() {
    // Clocks go back on Sunday 2026-10-25 in Berlin
    BusinessDue due = TestCalendars.sellerDe().plus(at("2026-10-23T17:00", BERLIN), Duration.ofHours(3));
    assertThat(local(due, BERLIN)).isEqualTo("2026-10-26T11:00");
    assertThat(due.dueAt()).isEqualTo(Instant.parse("2026-10-26T10:00:00Z"));
  }

  @Test
  void moscowHasNoDstAndTheSameUtcOffsetAllYear() {
    BusinessCalendar office = TestCalendars.ruOffice();
    assertThat(office.plus(at("2026-03-27T17:00", MOSCOW), Duration.ofHours(3)).dueAt())
        .isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
    assertThat(office.plus(at("2026-10-23T17:00", MOSCOW), Duration.ofHours(3)).dueAt())
        .isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
  }

  @Test
  void startOutsideWorkingHoursStartsAtTheNextWorkingPeriod() {
    // Saturday 03:00 in Moscow + 1h → Monday 09:00 + 1h
    BusinessDue due = TestCalendars.ruOffice().plus(at("2026-11-21T03:00", MOSCOW), Duration.ofHours(1));
    assertThat(local(due, MOSCOW)).isEqualTo("2026-11-23T10:00");
    // Tuesday 07:30 + 30 min → 09:30 the same day; ru-client works on Saturdays
    assertThat(local(TestCalendars.ruOffice().plus(at("2026-11-24T07:30", MOSCOW), Duration.ofMinutes(30)), MOSCOW))
        .isEqualTo("2026-11-24T09:30");
    assertThat(local(TestCalendars.ruClient().plus(at("2026-11-21T03:00", MOSCOW), Duration.ofHours(1)), MOSCOW))
        .isEqualTo("2026-11-21T11:00");
  }

  @Test
  void exactBoundariesAndMidnight() {
    BusinessCalendar calendar = TestCalendars.sellerDe();
    // start exactly at the end of the day: the budget runs from the next morning
    assertThat(local(calendar.plus(at("2026-11-24T18:00", BERLIN), Duration.ofHours(1)), BERLIN))
        .isEqualTo("2026-11-25T10:00");
    // a budget that ends exactly at 18:00 stays on that day
    assertThat(local(calendar.plus(at("2026-11-24T10:00", BERLIN), Duration.ofHours(8)), BERLIN))
        .isEqualTo("2026-11-24T18:00");
    // a start at midnight, and exactly at the opening time
    assertThat(local(calendar.plus(at("2026-11-25T00:00", BERLIN), Duration.ofHours(9)), BERLIN))
        .isEqualTo("2026-11-25T18:00");
    assertThat(local(calendar.plus(at("2026-11-25T09:00", BERLIN), Duration.ofMinutes(1)), BERLIN))
        .isEqualTo("2026-11-25T09:01");
    // around the clock: 00:00-24:00 every day, across midnight
    assertThat(TestCalendars.always().plus(Instant.parse("2026-11-24T23:30:00Z"), Duration.ofHours(1)).dueAt())
        .isEqualTo(Instant.parse("2026-11-25T00:30:00Z"));
  }

  @Test
  void oneWorkingDayIsTheSameTimeOnTheNextWorkingDay() {
    BusinessCalendar calendar = TestCalendars.sellerDe();
    assertThat(local(calendar.plus(at("2026-11-25T15:00", BERLIN), Duration.ofDays(1)), BERLIN))
        .isEqualTo("2026-11-26T15:00");
    BusinessDue friday = calendar.plus(at("2026-11-27T15:00", BERLIN), Duration.ofDays(1));
    assertThat(local(friday, BERLIN)).isEqualTo("2026-11-30T15:00");
    assertThat(friday.explanation()).startsWith("1 business day in seller-DE");
    BusinessDue mixed = calendar.plus(at("2026-11-27T15:00", BERLIN), Duration.ofDays(1).plusHours(4));
    assertThat(local(mixed, BERLIN)).isEqualTo("2026-12-01T10:00");
    assertThat(mixed.explanation()).startsWith("1 business day + 4 business hours in seller-DE");
  }

  @Test
  void oneWorkingDayOverTheRussianNewYearHolidays() {
    // jollyday RU: 2027-01-01, 04-08 and 11 are holidays (01-02 and 01-09 fall on Saturdays and move to Mondays)
    BusinessDue due = TestCalendars.ruOffice().plus(at("2026-12-31T15:00", MOSCOW), Duration.ofDays(1));
    assertThat(local(due, MOSCOW)).isEqualTo("2027-01-12T15:00");
    assertThat(due.explanation()).contains("2027-01-01 New Year's Day", "2027-01-07 Christmas",
        "2027-01-11 New Year's Day");
  }

  @Test
  void businessTimeBetweenTwoInstants() {
    BusinessCalendar calendar = TestCalendars.sellerDe();
    assertThat(calendar.between(at("2026-12-24T17:00", BERLIN), at("2026-12-28T10:00", BERLIN)))
        .isEqualTo(Duration.ofHours(2));
    assertThat(calendar.between(at("2026-12-28T10:00", BERLIN), at("2026-12-24T17:00", BERLIN)))
        .isEqualTo(Duration.ofHours(-2));
    assertThat(calendar.between(at("2026-11-21T08:00", BERLIN), at("2026-11-22T20:00", BERLIN))).isZero();
  }

  private static Instant at(String localDateTime, ZoneId zone) {
    return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
  }

  private static String local(BusinessDue due, ZoneId zone) {
    return due.dueAt().atZone(zone).toLocalDateTime().toString();
  }
}
