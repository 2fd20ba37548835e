package com.cjmflow.kpi;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregates of a period's daily facts and the scorecard components derived from them. Counts and amounts are
 * sums; a period's median/p90 handling time is the mean of the daily values weighted by the day's completed tasks;
 * the first-reply median is the mean of the daily medians.
 */
final class PeriodTotals {

  static final List<String> COMPONENTS = List.of("stage_sla_met_rate", "handling_time_median", "handling_time_p90",
      "first_reply_median", "reply_window_met_rate", "followup_on_time_rate");
  private static final List<String> SUMS = List.of("tasks_completed", "stage_sla_met", "stage_sla_warned",
      "stage_sla_breached", "replies_met", "replies_breached", "followups_on_time", "followups_late",
      "touchpoints_inbound", "touchpoints_outbound", "orders_advanced", "orders_closed", "orders_cancelled");

  private final Map<String, Object> totals = new LinkedHashMap<>();
  private final Map<String, Double> components = new LinkedHashMap<>();

  private PeriodTotals() {}

  static PeriodTotals of(List<Map<String, Object>> daily) {
    PeriodTotals t = new PeriodTotals();
    for (String sum : SUMS) {
      t.totals.put(sum, daily.stream().mapToLong(row -> number(row.get(sum)).longValue()).sum());
    }
    t.totals.put("refunds_eur", daily.stream().map(row -> (BigDecimal) row.get("refunds_eur"))
        .reduce(BigDecimal.ZERO, BigDecimal::add));
    t.totals.put("compensations_eur", daily.stream().map(row -> (BigDecimal) row.get("compensations_eur"))
        .reduce(BigDecimal.ZERO, BigDecimal::add));
    t.totals.put("followups_open_overdue_at_end",
        daily.isEmpty() ? 0 : number(daily.get(daily.size() - 1).get("followups_open_overdue")).longValue());
    t.components.put("stage_sla_met_rate", rate(t.count("stage_sla_met"), t.count("stage_sla_breached")));
    t.components.put("handling_time_median", weighted(daily, "handling_median_seconds"));
    t.components.put("handling_time_p90", weighted(daily, "handling_p90_seconds"));
    t.components.put("first_reply_median", daily.stream().filter(r -> r.get("first_reply_median_seconds") != null)
        .mapToDouble(r -> number(r.get("first_reply_median_seconds")).doubleValue()).average().stream().boxed()
        .findFirst().orElse(null));
    t.components.put("reply_window_met_rate", rate(t.count("replies_met"), t.count("replies_breached")));
    t.components.put("followup_on_time_rate", rate(t.count("followups_on_time"), t.count("followups_late")));
    return t;
  }

  Double component(String name) {
    return components.get(name);
  }

  Map<String, Object> asMap() {
    Map<String, Object> all = new LinkedHashMap<>(totals);
    components.forEach((name, value) -> all.put(name, KpiScorecards.decimal(value, 4)));
    return all;
  }

  private long count(String name) {
    return (Long) totals.get(name);
  }

  private static Double rate(long good, long bad) {
    return good + bad == 0 ? null : (double) good / (good + bad);
  }

  private static Double weighted(List<Map<String, Object>> daily, String column) {
    double sum = 0;
    long weight = 0;
    for (Map<String, Object> row : daily) {
      if (row.get(column) != null) {
        long tasks = number(row.get("tasks_completed")).longValue();
        sum += number(row.get(column)).doubleValue() * tasks;
        weight += tasks;
      }
    }
    return weight == 0 ? null : sum / weight;
  }

  private static Number number(Object value) {
    return value == null ? 0 : (Number) value;
  }
}
