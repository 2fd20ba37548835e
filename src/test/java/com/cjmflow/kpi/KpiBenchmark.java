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
 * of history ({@code -Dkpi.benchmark.orders}, {@code -Dkpi.benchmark.months}), times a full KPI recompute over it and
 * a single SQL aggregate over the same task history and prints the ratio, then times the incremental one-day
 * recompute of a day in the middle of the range (median of {@code -Dkpi.benchmark.day-runs}, default 5). Run on
 * PostgreSQL (README "KPI").
 */
@Tag("benchmark")
class KpiBenchmark extends ApiTestSupport {

  @Autowired KpiRecompute recompute;

  @Test
  void fullRecomputeAgainstASingleAggregate() {
    int orders = Integer.getInteger("kpi.benchmark.orders", 100_000);
    LocalDate from = LocalDate.of(2024, 1, 1);
    LocalDate to = from.plusMonths(Integer.getInteger("kpi.benchmark.months", 5)).minusDays(1);
    int days = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
    int perDay = (orders + days - 1) / days;

    long t0 = System.nanoTime();
    KpiDataGenerator data = new KpiDataGenerator(jdbc, "kb" + UUID.randomUUID().toString().substring(0, 6), 20, 2024,
        false);
    data.generate(from, to, perDay);
    long generated = System.nanoTime() - t0;

    long t1 = System.nanoTime();
    recompute.run(from, to.plusDays(3), null, Instant.now(), done -> {});
    long full = System.nanoTime() - t1;

    long t2 = System.nanoTime();
    int groups = jdbc.query("select ASSIGNEE_, count(*), avg(DURATION_) from ACT_HI_TASKINST group by ASSIGNEE_",
        (rs, i) -> rs.getString(1)).size();
    long aggregate = System.nanoTime() - t2;

    System.out.printf("%nKPI BENCHMARK: %d orders over %d days (%d per day); %d task history rows; %d stage visits;"
        + " %d touchpoints; %d follow-ups%n", data.orders, days, perDay, count("ACT_HI_TASKINST"),
        count("crm_order_stage_instances"), count("crm_touchpoints"), count("crm_manager_followups"));
    System.out.printf("KPI BENCHMARK: generate %.1f s; full recompute (%d days) %.2f s; single aggregate (%d groups)"
        + " %.3f s; ratio recompute / aggregate = %.0f; %d daily fact rows%n", generated / 1e9, days + 3, full / 1e9,
        groups, aggregate / 1e9, (double) full / aggregate, count("manager_kpi_daily_facts"));

    LocalDate day = from.plusDays(days / 2);
    long[] oneDay = new long[Integer.getInteger("kpi.benchmark.day-runs", 5)];
    for (int i = 0; i < oneDay.length; i++) {
      long t3 = System.nanoTime();
      recompute.run(day, day, null, Instant.now(), done -> {});
      oneDay[i] = System.nanoTime() - t3;
    }
    Arrays.sort(oneDay);
    System.out.printf("KPI BENCHMARK: one-day recompute (%s) median %.1f ms of %d runs (min %.1f, max %.1f)%n", day,
        oneDay[oneDay.length / 2] / 1e6, oneDay.length, oneDay[0] / 1e6, oneDay[oneDay.length - 1] / 1e6);
  }
}
