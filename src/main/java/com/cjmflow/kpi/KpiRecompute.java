package com.cjmflow.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.IntConsumer;

import org.springframework.stereotype.Component;

/**
 * Recomputes a range of days: materialises the managers' working intervals back to the earliest task start the range
 * needs, then recomputes each day in its own transaction ({@link KpiDailyFacts}), reporting each day done.
 */
@Component
public class KpiRecompute {

  private final WorkIntervals intervals;
  private final KpiDailyFacts facts;

  KpiRecompute(WorkIntervals intervals, KpiDailyFacts facts) {
    this.intervals = intervals;
    this.facts = facts;
  }

  /** The managers' time zone: KPI days are local dates in it. */
  public ZoneId zone() {
    return intervals.zone();
  }

  /** Recomputes {@code from}..{@code to} (inclusive); {@code managerId} null = every manager. */
  public void run(LocalDate from, LocalDate to, String managerId, Instant computedAt, IntConsumer daysDone) {
    intervals.materialise(intervals.earliestTaskStart(from, to), to.plusDays(1));
    ZoneId zone = zone();
    int done = 0;
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      facts.recompute(day, zone, managerId, computedAt);
      daysDone.accept(++done);
    }
  }
}
