package com.cjmflow.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.cjmflow.ApiTestSupport;

/**
 * Not a unit test (tagged {@code benchmark}, which {@code ./mvnw verify} excludes): generates at least 100,000 orders
 * of history ({@code -Dkpi.benchmark.orders}, {@code -Dkpi.benchmark.months}), times a full KPI recompute over it
 * (median of {@code -Dkpi.benchmark.full-runs}, default 3; 0 skips it, for sizes where only the one-day recompute is
 * of interest) and a single SQL aggregate over the same task history (median of 5) and prints the ratio, and the same
 * for one aggregate over every row of every table the recompute reads (grouped by day: the floor of any recompute over
 * those rows), then times the incremental one-day recompute of the day in the middle of the range and of its last day
 * (median of {@code -Dkpi.benchmark.day-runs}, default 5 each). {@code -Dkpi.benchmark.copies=n} appends n-1
 * time-shifted copies of the generated history set-based ({@link KpiHistoryCopies}), for sizes the row-by-row
 * generator takes too long for. The generated tables are vacuumed and analysed first. {@code -Dkpi.benchmark.reuse=true}
 * measures the history an earlier run with the same sizes left in the database instead of generating it (to compare
 * changes on one large history). Run on PostgreSQL (README "KPI").
 */
@Tag("benchmark")
class KpiBenchmark extends ApiTestSupport {

  @Autowired KpiRecompute recompute;

  @Test
  void fullRecomputeAgainstASingleAggregate() {
    int orders = Integer.getInteger("kpi.benchmark.orders", 100_000);
    LocalDate from = LocalDate.of(2024, 1, 1);
    LocalDate generatedTo = from.plusMonths(Integer.getInteger("kpi.benchmark.months", 5)).minusDays(1);
    int generatedDays = (int) (generatedTo.toEpochDay() - from.toEpochDay()) + 1;
    int perDay = (orders + generatedDays - 1) / generatedDays;
    int copies = Integer.getInteger("kpi.benchmark.copies", 1);
    int days = generatedDays * copies;
    LocalDate to = from.plusDays(days - 1);

    long t0 = System.nanoTime();
    if (Boolean.getBoolean("kpi.benchmark.reuse")) { // the history an earlier run with the same sizes left
      if (count("orders") == 0) {
        throw new IllegalStateException("-Dkpi.benchmark.reuse: no history in this database to measure");
      }
    } else {
      String prefix = "kb" + UUID.randomUUID().toString().substring(0, 6);
      KpiDataGenerator data = new KpiDataGenerator(jdbc, prefix, 20, 2024, false);
      data.generate(from, generatedTo, perDay);
      if (copies > 1) {
        new KpiHistoryCopies(jdbc, prefix).copy(copies, generatedDays);
      }
      // planner statistics and the visibility map, as autovacuum keeps them on a live database
      jdbc.execute("vacuum analyze");
    }
    long generated = System.nanoTime() - t0;

    int fullRuns = Integer.getInteger("kpi.benchmark.full-runs", 3);
    long full = fullRuns == 0 ? 0 : median(fullRuns,
        () -> recompute.run(from, to.plusDays(3), null, Instant.now(), done -> {}));
    int[] groups = new int[1];
    long aggregate = median(5, () -> groups[0] = jdbc.query(
        "select ASSIGNEE_, count(*), avg(DURATION_) from ACT_HI_TASKINST group by ASSIGNEE_",
        (rs, i) -> rs.getString(1)).size());
    int[] sourceDays = new int[1];
    long allSources = median(5, () -> sourceDays[0] = jdbc.query(everySourceByDay(), (rs, i) -> rs.getLong(2)).size());

    System.out.printf("%nKPI BENCHMARK: %d orders over %d days (%d per day, %d cop%s); %d task history rows; %d stage"
        + " visits; %d touchpoints; %d follow-ups; %d source rows in all%n", count("orders"), days, perDay, copies,
        copies == 1 ? "y" : "ies", count("ACT_HI_TASKINST"), count("crm_order_stage_instances"),
        count("crm_touchpoints"), count("crm_manager_followups"), KpiHistoryCopies.sourceRows(jdbc));
    if (fullRuns == 0) {
      System.out.printf("KPI BENCHMARK: generate %.1f s; full recompute not run (-Dkpi.benchmark.full-runs=0); single"
          + " aggregate (%d groups, median) %.3f s%n", generated / 1e9, groups[0], aggregate / 1e9);
    } else {
      System.out.printf("KPI BENCHMARK: generate %.1f s; full recompute (%d days, median) %.2f s; single aggregate"
          + " (%d groups, median) %.3f s; ratio recompute / aggregate = %.1f; %d daily fact rows%n", generated / 1e9,
          days + 3, full / 1e9, groups[0], aggregate / 1e9, (double) full / aggregate,
          count("manager_kpi_daily_facts"));
      System.out.printf("KPI BENCHMARK: one aggregate over every source row (%d tables, %d days, median) %.3f s;"
          + " ratio recompute / it = %.1f%n", SOURCE_TIMES.size(), sourceDays[0], allSources / 1e9,
          (double) full / allSources);
    }

    // the recompute rewrote kpi_work_intervals (empty when analysed above): statistics as autovacuum would have them
    jdbc.execute("analyze kpi_work_intervals");
    int dayRuns = Integer.getInteger("kpi.benchmark.day-runs", 5);
    for (LocalDate day : new LocalDate[] {from.plusDays(days / 2), to}) {
      long oneDay = median(dayRuns, () -> recompute.run(day, day, null, Instant.now(), done -> {}));
      System.out.printf("KPI BENCHMARK: one-day recompute (%s, %s) median of %d runs %.1f ms%n", day,
          day.equals(to) ? "the last day" : "the middle day", dayRuns, oneDay / 1e6);
    }
  }

  /** A timestamp of each table the KPI statements read ({@link KpiHistoryCopies#SOURCES}). */
  private static final java.util.Map<String, String> SOURCE_TIMES = java.util.Map.of("orders", "created_at",
      "crm_order_stage_instances", "entered_at", "act_hi_taskinst", "START_TIME_", "tasks", "created_at",
      "crm_touchpoints", "occurred_at", "crm_manager_followups", "created_at", "order_status_events", "changed_at",
      "refund_requests", "created_at", "compensation_requests", "created_at", "leads", "created_at");

  /**
   * The floor of any recompute over the same rows: one aggregate that reads every row of every source table once,
   * grouped by day — no joins, no owners, no business time, no percentiles.
   */
  private static String everySourceByDay() {
    if (!SOURCE_TIMES.keySet().equals(java.util.Set.copyOf(KpiHistoryCopies.SOURCES))) {
      throw new IllegalStateException("a KPI source without its timestamp here: " + KpiHistoryCopies.SOURCES);
    }
    return "select d, count(*) from (" + SOURCE_TIMES.entrySet().stream()
        .map(e -> "select cast(" + e.getValue() + " as date) as d from " + e.getKey())
        .collect(java.util.stream.Collectors.joining(" union all ")) + ") x group by d";
  }

  /** The median wall time in nanoseconds of {@code runs} runs of {@code work}. */
  private static long median(int runs, Runnable work) {
    long[] times = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      work.run();
      times[i] = System.nanoTime() - start;
    }
    Arrays.sort(times);
    return times[runs / 2];
  }
}
