package com.cjmflow.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/** An SLA breach marks the open stage instance, writes a journey event, notifies; level 2 escalates to head of sales. */
class SlaBreachIntegrationTest extends ApiTestSupport {

  @Autowired TaskService tasks;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void breachedStageIsMarkedAndEscalated() {
    JsonNode booked = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("web-sla-1", false, false)));
    long orderId = booked.get("orderId").asLong();
    String processInstanceId = booked.get("processInstanceId").asText();
    Job timer = slaTimer(processInstanceId, "BoundaryEvent_ConfirmBookingSlaBreached");

    ClockUtil.setCurrentTime(timer.getDuedate());
    management.executeJob(timer.getId());

    Map<String, Object> stage = jdbc.queryForMap(
        "select is_sla_breached, sla_breached_at, left_at from crm_order_stage_instances where order_id = ?", orderId);
    assertThat(stage.get("is_sla_breached")).isEqualTo(true);
    assertThat(stage.get("left_at")).isNull();
    assertThat(jdbc.queryForObject("select sla_breached_at from crm_order_stage_instances where order_id = ?",
        OffsetDateTime.class, orderId).toInstant()).isEqualTo(timer.getDuedate().toInstant());
    assertThat(jdbc.queryForList("select event_type from crm_journey_events where order_id = ? order by id",
        String.class, orderId)).containsExactly("order_created", "status_changed", "sla_warned", "sla_breached");
    assertThat(jdbc.queryForObject("select count(*) from crm_notifications where order_id = ? and kind = 'sla_breach'",
        Long.class, orderId)).isEqualTo(1);

    assertThat(tasks.createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey("Task_ReviewConfirmBookingSlaBreach").count()).as("review opens at level 2").isZero();
    Job levelTwo = slaTimer(processInstanceId, "BoundaryEvent_ConfirmBookingSlaEscalated");
    ClockUtil.setCurrentTime(levelTwo.getDuedate());
    management.executeJob(levelTwo.getId());

    var escalation = tasks.createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey("Task_ReviewConfirmBookingSlaBreach").singleResult();
    assertThat(escalation.getName()).isEqualTo("Разобрать нарушение SLA: Подтвердить бронирование — заказ " + orderId);
    assertThat(tasks.createTaskQuery().taskId(escalation.getId()).taskCandidateGroup("head-of-sales").count())
        .isEqualTo(1);
    assertThat(read(call("galina", HttpMethod.GET, "/api/v1/crm/orders/" + orderId + "/cjm", null))
        .at("/stages/0/slaBreached").asBoolean()).isTrue();
  }
}
