package com.cjmflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SLA evaluation without an engine or a Spring context: a row of a table in the shape of {@code dmn/stage-sla.dmn}
 * (a test table, so the process owner's values stay theirs) read as the policy reads it, and the calendar it names.
 */
class StageSlaEvaluationTest {

  private static DmnEngine dmn;
  private static DmnDecision table;

  @BeforeAll
  static void parseTheTestTable() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = StageSlaEvaluationTest.class.getResourceAsStream("/sla/test-stage-sla.dmn")) {
      table = dmn.parseDecision("test-stage-sla", in);
    }
  }

  @Test
  void aTierRowWinsOverTheStagesCatchAllAndEveryOutputIsRead() {
    StageSla.Sla vip = evaluate("seller_check_in_progress", "vip").orElseThrow();

    assertThat(vip).isEqualTo(new StageSla.Sla(Duration.ofHours(3), "manager", "ru-office", true, 0.5,
        Duration.ofHours(1)));
  }

  @Test
  void emptyOutputsMeanWarnAtTheDueDateNoEscalationIntervalAndNotCountedAgainstTheManager() {
    StageSla.Sla standard = evaluate("seller_check_in_progress", "standard").orElseThrow();

    assertThat(standard.budget()).isEqualTo(Duration.ofHours(8));
    assertThat(standard.warnAt()).isEqualTo(1.0);
    assertThat(standard.escalateAfter()).isZero();
    assertThat(standard.countsAgainstManager()).isFalse();
  }

  @Test
  void aRowWithoutDurationOrNoRowAtAllIsNoSla() {
    assertThat(evaluate("closed", "standard")).isEmpty();
    assertThat(evaluate("a_stage_nobody_wrote_a_row_for", "standard")).isEmpty();
    assertThat(evaluate("seller_check_in_progress", null)).get().extracting(StageSla.Sla::clockOwner)
        .isEqualTo("seller");
  }

  @Test
  void theSellerCalendarIsTheSellerCountrysAndNoCalendarIsAlways() {
    assertThat(StageSla.calendarId("seller", "DE")).isEqualTo("seller-DE");
    assertThat(StageSla.calendarId("seller", null)).isEqualTo("seller");
    assertThat(StageSla.calendarId("ru-office", "DE")).isEqualTo("ru-office");
    assertThat(StageSla.calendarId(null, "DE")).isEqualTo("always");
  }

  /** As {@link StageSla#evaluate}: the first row, if it has a duration, read by {@link StageSla#sla}. */
  private static Optional<StageSla.Sla> evaluate(String stage, String tier) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("stage", stage);
    facts.put("customerTier", tier);
    DmnDecisionResultEntries row = dmn.evaluateDecision(table, facts).getFirstResult();
    return Optional.ofNullable(row).filter(r -> r.getEntry("slaDuration") != null).map(StageSla::sla);
  }
}
