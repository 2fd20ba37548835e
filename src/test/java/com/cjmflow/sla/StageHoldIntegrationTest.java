package com.cjmflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * "Waiting for the client": the stage's SLA clock stops with its remaining business time and every SLA timer moves
 * when it resumes. Monday 2026-11-23 10:00 Moscow; "booked" has 4 business hours in ru-office (Mon–Fri 09–18).
 */
class StageHoldIntegrationTest extends ApiTestSupport {

  private static final Instant MONDAY_10_MSK = Instant.parse("2026-11-23T07:00:00Z");

  @Autowired TaskService tasks;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void pauseKeepsTheRemainingBudgetAndResumeMovesEveryTimer() {
    ClockUtil.setCurrentTime(Date.from(MONDAY_10_MSK));
    JsonNode booked = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("web-hold-1", false, false)));
    long orderId = booked.get("orderId").asLong();
    String pi = booked.get("processInstanceId").asText();
    assertThat(due(orderId)).isEqualTo(Instant.parse("2026-11-23T11:00:00Z"));

    // paused at 11:00 Moscow with 3 business hours left
    ClockUtil.setCurrentTime(Date.from(MONDAY_10_MSK.plusSeconds(3600)));
    ResponseEntity<String> held = call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/hold",
        Map.of("reason", "Waiting for the client's answer about the frame size"));
    assertThat(held.getStatusCode()).as(held.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(read(held).get("remainingSeconds").asLong()).isEqualTo(3 * 3600);
    assertThat(slaTimers(pi)).allSatisfy(job -> assertThat(job.isSuspended()).isTrue());
    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/hold", Map.of("reason", "again"))
        .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

    // resumed on Tuesday 10:00 Moscow: due 13:00 Moscow, every timer moved by the paused business time
    ClockUtil.setCurrentTime(Date.from(MONDAY_10_MSK.plusSeconds(24 * 3600)));
    ResponseEntity<String> resumed = call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/hold/resume",
        null);
    assertThat(resumed.getStatusCode()).as(resumed.getBody()).isEqualTo(HttpStatus.OK);

    Instant newDue = Instant.parse("2026-11-24T10:00:00Z");
    assertThat(due(orderId)).isEqualTo(newDue);
    assertThat(slaTimers(pi)).allSatisfy(job -> assertThat(job.isSuspended()).isFalse());
    assertThat(slaTimers(pi)).as("the SLA ladder's one timer").hasSize(1);
    assertThat(dueOf(pi, "BoundaryEvent_ConfirmBookingSlaWarning")).isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
    assertThat(tasks.createTaskQuery().processInstanceId(pi).singleResult().getDueDate().toInstant())
        .isEqualTo(newDue);
    assertThat(jdbc.queryForObject("select sla_explanation from crm_order_stage_instances where order_id = ?",
        String.class, orderId)).contains("on hold").contains("frame size");
    JsonNode ledger = read(call("anna", HttpMethod.GET, "/api/v1/crm/orders/" + orderId + "/pauses", null));
    assertThat(ledger).hasSize(1);
    assertThat(ledger.at("/0/endedBy").asText()).isEqualTo("anna");
    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/hold/resume", null)
        .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

    // the warning fires at its moved date and arms the breach at the stage's moved due date
    assertThat(slaTimer(pi, "BoundaryEvent_ConfirmBookingSlaBreached").getDuedate().toInstant()).isEqualTo(newDue);
  }

  @Test
  void managersPutOrdersOnHoldInTasklistToo() {
    long orderId = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("web-hold-2", false, false)))
        .get("orderId").asLong();

    ResponseEntity<String> started = call("boris", HttpMethod.POST,
        "/engine-rest/process-definition/key/stage-hold/submit-form", Map.of("variables", Map.of(
            "orderId", Map.of("value", orderId, "type", "Long"), "reason", Map.of("value", "Client on holiday"))));
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(jdbc.queryForObject("select on_hold from crm_order_stage_instances where order_id = ?",
        Boolean.class, orderId)).isTrue();
    // a second hold of the stage — a double click, or a hold that lost the race in the API's check — is a conflict
    ResponseEntity<String> again = call("boris", HttpMethod.POST,
        "/engine-rest/process-definition/key/stage-hold/submit-form", Map.of("variables", Map.of(
            "orderId", Map.of("value", orderId, "type", "Long"), "reason", Map.of("value", "twice"))));
    assertThat(again.getStatusCode()).as(again.getBody()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(jdbc.queryForObject("select count(*) from crm_stage_pauses where order_id = ?", Integer.class, orderId))
        .isOne();

    JsonNode resume = read(call("boris", HttpMethod.GET,
        "/engine-rest/task?processDefinitionKey=stage-hold&assignee=boris", null));
    String taskId = resume.get(resume.size() - 1).get("id").asText();
    assertThat(call("boris", HttpMethod.POST, "/engine-rest/task/" + taskId + "/submit-form",
        Map.of("variables", Map.of("resumeNote", Map.of("value", "answered")))).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(jdbc.queryForObject("select on_hold from crm_order_stage_instances where order_id = ?",
        Boolean.class, orderId)).isFalse();
  }

  @Test
  void aStageThatEndsOnHoldEndsItsPauseAndTheNextStageRunsItsClock() {
    long orderId = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("web-hold-4", false, false)))
        .get("orderId").asLong();
    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/hold",
        Map.of("reason", "Waiting for the seller")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String pi = jdbc.queryForObject("select process_instance_id from orders where id = ?", String.class, orderId);

    tasks.complete(tasks.createTaskQuery().processInstanceId(pi).singleResult().getId());

    assertThat(count("crm_stage_pauses where order_id = " + orderId + " and ended_at is null")).isZero();
    assertThat(count("crm_stage_pauses where order_id = " + orderId)).isOne();
    assertThat(jdbc.queryForObject("select count(*) from crm_order_stage_instances where order_id = ? and on_hold",
        Long.class, orderId)).isZero();
    assertThat(slaTimers(pi)).isNotEmpty().allSatisfy(job -> assertThat(job.isSuspended()).isFalse());
  }

  @Test
  void badHoldRequestsChangeNothing() {
    long orderId = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("web-hold-3", false, false)))
        .get("orderId").asLong();
    long pauses = count("crm_stage_pauses");
    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/hold", Map.of())
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(call("vera", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/hold", Map.of("reason", "x"))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/orders/999999/hold", Map.of("reason", "x"))
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/hold/resume", null)
        .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(count("crm_stage_pauses")).isEqualTo(pauses);
  }

  private Instant due(long orderId) {
    return jdbc.queryForObject("select sla_due_at from crm_order_stage_instances where order_id = ? "
        + "and left_at is null", OffsetDateTime.class, orderId).toInstant();
  }

  private List<Job> slaTimers(String processInstanceId) {
    return management.createJobQuery().processInstanceId(processInstanceId).timers().list();
  }

  private Instant dueOf(String processInstanceId, String activityId) {
    String definition = management.createJobDefinitionQuery().activityIdIn(activityId).list().stream()
        .filter(d -> slaTimers(processInstanceId).stream().anyMatch(j -> j.getJobDefinitionId().equals(d.getId())))
        .findFirst().orElseThrow().getId();
    return management.createJobQuery().processInstanceId(processInstanceId).jobDefinitionId(definition)
        .singleResult().getDuedate().toInstant();
  }
}
