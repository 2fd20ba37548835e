package com.cjmflow.sla;

import java.time.Duration;
import java.time.Instant;

import com.cjmflow.calendar.BusinessDue;

/** Business-time arithmetic of one calendar, as the SLA policy needs it. */
public interface SlaCalendar {

  String id();

  /** When a budget of business time that starts at {@code start} runs out, and why then. */
  BusinessDue plus(Instant start, Duration budget);

  /** When the budget runs out, without the explanation (cheaper where many due dates are computed). */
  default Instant dueAt(Instant start, Duration budget) {
    return plus(start, budget).dueAt();
  }

  /** Business time between two instants. */
  Duration between(Instant from, Instant to);

  /**
   * Adds exact working time. {@link #plus} reads each whole 24 h of a budget as one working day ("P1D" = the same
   * time on the next working day); a share of a budget or the time left after a pause is working time, so it is
   * added in steps shorter than a day.
   */
  default Instant plusWorkingTime(Instant start, Duration workingTime) {
    Instant cursor = start;
    Duration left = workingTime;
    Duration step = Duration.ofHours(23);
    while (!left.isNegative() && !left.isZero()) {
      Duration now = left.compareTo(step) > 0 ? step : left;
      cursor = dueAt(cursor, now);
      left = left.minus(now);
    }
    return cursor;
  }

  /** Plain wall-clock time: for carriers, and when a calendar is missing. */
  static SlaCalendar wallClock(String id) {
    return new SlaCalendar() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public BusinessDue plus(Instant start, Duration budget) {
        return new BusinessDue(start.plus(budget), budget + " wall-clock time (" + id + ")");
      }

      @Override
      public Duration between(Instant from, Instant to) {
        return Duration.between(from, to);
      }
    };
  }
}
