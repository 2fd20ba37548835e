package com.cjmflow.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.function.IntConsumer;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes a range of days in one transaction of its own: materialises the range's days and the managers' working
 * intervals back to the earliest task start the range needs, then recomputes the range in one grouped pass
 * ({@link KpiDailyFacts}); reports its days done once that transaction committed. (Three transactions until
 * 2026-12-04: two commits more for a one-day run, and a recompute that failed left its intervals rewritten.)
 */
@Component
public class KpiRecompute {

  private final WorkIntervals intervals;
  private final KpiDailyFacts facts;
  /** Its own transaction, also when called inside another (the nightly engine job's). */
  private final TransactionTemplate ownTransaction;

  KpiRecompute(WorkIntervals intervals, KpiDailyFacts facts, PlatformTransactionManager transactions) {
    this.intervals = intervals;
    this.facts = facts;
    this.ownTransaction = new TransactionTemplate(transactions);
    ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** The managers' time zone: KPI days are local dates in it. */
  public ZoneId zone() {
    return intervals.zone();
  }

  /** Recomputes {@code from}..{@code to} (inclusive); {@code managerId} null = every manager. */
  public void run(LocalDate from, LocalDate to, String managerId, Instant computedAt, IntConsumer daysDone) {
    ownTransaction.executeWithoutResult(status -> {
      intervals.materialise(intervals.earliestTaskStart(from, to), to.plusDays(1));
      intervals.materialiseDays(from, to);
      facts.recompute(from, to, zone(), managerId, computedAt);
    });
    daysDone.accept((int) ChronoUnit.DAYS.between(from, to) + 1);
  }
}
