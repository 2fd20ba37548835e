package com.cjmflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import com.cjmflow.ApiTestSupport;
import com.cjmflow.models.CandidateTables;
import com.cjmflow.SqlStatements;

/**
 * The latest {@code stage-sla} version is believed on the node ({@link LatestDecisions}): a stage entry selects no
 * decision definition, yet a version deployed on this node is used by the very next stage, and after it is
 * undeployed the one before it is again.
 */
class LatestDecisionsIntegrationTest extends ApiTestSupport {

  @Test
  void aStageEntrySelectsNoDecisionDefinition() {
    book("latest-warm-1");
    var booked = SqlStatements.record(() -> book("latest-count-1"));
    long selects = definitionSelects(booked.getValue());
    if (selects > 0) { // the belief aged out (every few seconds); the next entry finds it again
      booked = SqlStatements.record(() -> book("latest-count-2"));
      selects = definitionSelects(booked.getValue());
    }
    assertThat(selects).as("selects on ACT_RE_DECISION_DEF of a booking (its stage entry evaluates stage-sla)")
        .isZero();
    assertThat(booked.getValue().byStatement()).as("the stage instance is still written with its SLA")
        .hasKeySatisfying(new org.assertj.core.api.Condition<>(
            sql -> sql.startsWith("insert into crm_order_stage_instances"), "a stage instance insert"));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aNewVersionDeployedHereIsUsedByTheNextStage() throws Exception {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-23T07:00:00Z"))); // every order enters at one time
    Duration before = bookedBudget(book("latest-before-1"));
    String deployment = engineRepository.createDeployment().name("stage-sla, booked in 7h13m")
        .addString("dmn/stage-sla.dmn", CandidateTables.deployedWith("TestBookedFirst", "booked", "PT7H13M", "manager",
            true)).deploy().getId();
    try {
      assertThat(bookedBudget(book("latest-new-1"))).as("the stage entered right after the deployment")
          .isEqualTo(Duration.ofHours(7).plusMinutes(13));
    } finally {
      String definition = engineRepository.createDecisionDefinitionQuery().deploymentId(deployment).singleResult()
          .getId();
      engineRepository.deleteDeployment(deployment, true);
      // the projection keeps an undeployed version's rows, and the next deployment gets the same version number
      jdbc.update("delete from crm_sla_policies where decision_definition_id = ?", definition);
    }
    assertThat(bookedBudget(book("latest-undeployed-1"))).as("the version before, once the new one is undeployed")
        .isEqualTo(before);
  }

  private long book(String externalId) {
    var booked = call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking(externalId, false, false));
    assertThat(booked.getStatusCode().value()).as(booked.getBody()).isEqualTo(201);
    return read(booked).get("orderId").asLong();
  }

  private Duration bookedBudget(long orderId) {
    String sql = "select %s from crm_order_stage_instances where order_id = ? and stage = 'booked'";
    return Duration.between(jdbc.queryForObject(sql.formatted("entered_at"), OffsetDateTime.class, orderId),
        jdbc.queryForObject(sql.formatted("sla_due_at"), OffsetDateTime.class, orderId));
  }

  private static long definitionSelects(SqlStatements.Counts counts) {
    return counts.byStatement().entrySet().stream().filter(e -> e.getKey().toLowerCase().startsWith("select")
        && e.getKey().toUpperCase().contains("ACT_RE_DECISION_DEF")).mapToLong(Map.Entry::getValue).sum();
  }
}
