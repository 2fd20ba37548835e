package com.cjmflow.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.function.IntConsumer;

import org.springframework.stereotype.Component;

/**
 * Recomputes a range of days: materialises the range's days and the managers' working intervals back to the earliest
 * task start the range needs, then recomputes the range in one grouped pass and one transaction
 * ({@link KpiDailyFacts}), reporting its days done at the end.
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
    intervals.materialiseDays(from, to);
    facts.recompute(from, to, zone(), managerId, computedAt);
    daysDone.accept((int) ChronoUnit.DAYS.between(from, to) + 1);
  }
}
