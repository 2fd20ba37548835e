package com.cjmflow.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An SLA breach marks the open stage instance, writes a journey event, notifies; level 2 escalates to head of sales,
 * whose review of a fulfilment stage does not hold the order at the end of the phase.
 */
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

  @Test
  void aReviewOfAFulfilmentStageKeepsItsContextWhileTheOrderGoesOn() {
    JsonNode booked = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders",
        booking("web-sla-review-" + UUID.randomUUID(), false, false)));
    long orderId = booked.get("orderId").asLong();
    String pi = booked.get("processInstanceId").asText();
    work("anna", pi, "Task_ConfirmBooking", Map.of("reserveRequired", false));
    work("anna", pi, "Task_CheckBikeWithSeller", Map.of("bikeCondition", "good",
        "photoUrl", "https://photos.example/1", "confirmedPriceEur", 1850, "sellerContact", "Hans"));
    work("anna", pi, "Task_PresentCheckReport", Map.of("reportChannel", "whatsapp", "reportSummary", "All good"));
    work("anna", pi, "Task_RecordClientDecision", Map.of("clientDecision", "buy", "expertInspection", false,
        "decisionReason", "Happy"));
    assertThat(call("booking", HttpMethod.POST, "/engine-rest/message", Map.of(
        "messageName", "FullPaymentReceived", "businessKey", String.valueOf(orderId),
        "processVariables", Map.of("fullPaid", Map.of("value", true, "type", "Boolean")))).getStatusCode()
        .is2xxSuccessful()).isTrue();
    work("anna", pi, "Task_BuyOutBike", Map.of("buyoutAmountEur", 1700, "buyoutReceiptRef", "B-1"));
    work("anna", pi, "Task_RecordSellerShipment", Map.of("sellerCarrier", "DHL",
        "sellerTrackingNumber", "JD" + System.nanoTime()));
    work("vera", pi, "Task_ReceiveBikeAtWarehouse", Map.of("packageCondition", "intact"));
    String repackName = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("Task_RepackBike")
        .singleResult().getName();

    // "Repack bike", inside the fulfilment sub-process, escalates to level 2
    Job levelTwo = slaTimer(pi, "BoundaryEvent_RepackBikeSlaEscalated");
    ClockUtil.setCurrentTime(levelTwo.getDuedate());
    management.executeJob(levelTwo.getId());
    JsonNode review = single("galina", pi, "Task_ReviewRepackBikeSlaBreach");
    assertThat(review.get("name").asText()).startsWith("Разобрать нарушение SLA: ").endsWith(" " + orderId);
    assertNamesTheBreach(review, orderId, repackName);

    // when the warehouse and logistics finish the phase without waiting for the review
    work("vera", pi, "Task_RepackBike", Map.of("packedWeightKg", 14.5, "packedSizeCm", "140x30x80"));
    work("lev", pi, "Task_ShipToRussia", Map.of("russiaCarrier", "CDEK", "russiaTrackingNumber",
        "CD" + System.nanoTime()));

    // then the order is in the next phase and the review is still open, still about that task and order
    assertThat(jdbc.queryForObject("select status from orders where id = ?", String.class, orderId))
        .isEqualTo("shipped_to_russia");
    single("lev", pi, "Task_ConfirmDelivery");
    assertNamesTheBreach(single("galina", pi, "Task_ReviewRepackBikeSlaBreach"), orderId, repackName);

    // her review ends only its own branch
    work("galina", pi, "Task_ReviewRepackBikeSlaBreach", Map.of("breachAction", "reminded_assignee"));
    assertThat(tasks.createTaskQuery().processInstanceId(pi).list()).extracting(task -> task.getTaskDefinitionKey())
        .containsExactly("Task_ConfirmDelivery");
  }

  /** The review's form says which task of which order was late: the reviewed task's name, the order and its link. */
  private void assertNamesTheBreach(JsonNode review, long orderId, String reviewedName) {
    JsonNode variables = read(call("galina", HttpMethod.GET, "/engine-rest/task/" + review.get("id").asText()
        + "/form-variables", null));
    assertThat(variables.at("/breachTask/value").asText()).isEqualTo(reviewedName);
    assertThat(variables.at("/breachStage/value").asText()).isNotEqualTo("—");
    assertThat(variables.at("/breachLateBy/value").asText()).isNotEqualTo("—");
    assertThat(variables.at("/orderId/value").asLong()).isEqualTo(orderId);
    assertThat(variables.at("/orderLink/value").asText()).endsWith("/api/v1/crm/orders/" + orderId);
  }

  private JsonNode single(String user, String processInstanceId, String activityId) {
    var response = call(user, HttpMethod.GET, "/engine-rest/task?processInstanceId=" + processInstanceId
        + "&taskDefinitionKey=" + activityId, null);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode tasks = read(response);
    assertThat(tasks).as("%s sees %s", user, activityId).hasSize(1);
    return tasks.get(0);
  }
}
