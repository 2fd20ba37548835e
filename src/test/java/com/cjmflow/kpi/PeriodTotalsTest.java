package com.cjmflow.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A period's totals from its daily facts, without a database. */
class PeriodTotalsTest {

  @Test
  void countsAndAmountsAreSumsAndRatesComeFromTheSums() {
    PeriodTotals totals = PeriodTotals.of(List.of(
        day(Map.of("tasks_completed", 4L, "stage_sla_met", 3L, "stage_sla_breached", 1L, "replies_met", 2L,
            "followups_open_overdue", 5L), "10.00"),
        day(Map.of("tasks_completed", 6L, "stage_sla_met", 3L, "stage_sla_breached", 3L, "replies_breached", 2L,
            "followups_open_overdue", 1L), "2.50")));

    assertThat(totals.asMap()).containsEntry("tasks_completed", 10L).containsEntry("stage_sla_met", 6L)
        .containsEntry("stage_sla_breached", 4L).containsEntry("refunds_eur", new BigDecimal("12.50"))
        .containsEntry("followups_open_overdue_at_end", 1L);
    assertThat(totals.component("stage_sla_met_rate")).isEqualTo(0.6);
    assertThat(totals.component("reply_window_met_rate")).isEqualTo(0.5);
  }

  @Test
  void aRateWithoutAnyCaseIsNoDataNotZero() {
    PeriodTotals totals = PeriodTotals.of(List.of(day(Map.of("tasks_completed", 3L), "0")));

    assertThat(totals.component("followup_on_time_rate")).isNull();
    assertThat(totals.component("stage_sla_met_rate")).isNull();
    assertThat(PeriodTotals.of(List.of()).asMap()).containsEntry("followups_open_overdue_at_end", 0L);
  }

  @Test
  void handlingTimesAreWeightedByTheDaysTasksAndFirstRepliesAveragedOverDaysWithReplies() {
    PeriodTotals totals = PeriodTotals.of(List.of(
        day(Map.of("tasks_completed", 1L, "handling_median_seconds", 100, "first_reply_median_seconds", 60), "0"),
        day(Map.of("tasks_completed", 3L, "handling_median_seconds", 500), "0"),
        day(Map.of("tasks_completed", 2L, "first_reply_median_seconds", 120), "0")));

    assertThat(totals.component("handling_time_median")).isCloseTo((100 + 3 * 500) / 4.0, within(1e-9));
    assertThat(totals.component("handling_time_p90")).isNull();
    assertThat(totals.component("first_reply_median")).isEqualTo(90.0);
  }

  private static Map<String, Object> day(Map<String, Object> values, String refunds) {
    Map<String, Object> row = new HashMap<>(values);
    row.put("refunds_eur", new BigDecimal(refunds));
    row.put("compensations_eur", BigDecimal.ZERO);
    return row;
  }
}
