package com.cjmflow.orderflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/** A booked order driven to "closed" over HTTP the way its users do it: Tasklist's REST calls and messages. */
class OrderJourneyIntegrationTest extends ApiTestSupport {

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aTimersActivityReadFromItsConfigurationIsItsJobDefinitionsActivity() {
    call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("web-journey-timers", true, true));
    List<org.camunda.bpm.engine.runtime.Job> timers = management.createJobQuery().timers().list().stream()
        .filter(job -> job.getJobDefinitionId() != null && job.getProcessInstanceId() != null).toList();
    assertThat(timers).isNotEmpty();
    for (var job : timers) {
      assertThat(com.cjmflow.platform.EngineContext.timerActivityIdOf(job)).as("timer %s", job.getId())
          .isEqualTo(management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult()
              .getActivityId());
    }
  }

  @Test
  void bookedOrderIsDrivenToClosedAndItsJourneyFollowsTheModel() {
    // given a booking from the booking system on a Monday at 10:00 in Moscow (the managers' business calendar)
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-23T07:00:00Z")));
    ResponseEntity<String> booked = call("booking", HttpMethod.POST, "/api/v1/crm/orders",
        booking("web-journey-1", false, false));
    assertThat(booked.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode order = read(booked);
    long orderId = order.get("orderId").asLong();
    String processInstanceId = order.get("processInstanceId").asText();
    assertThat(order.get("status").asText()).isEqualTo("booked");

    // the same booking again answers with the same order and starts nothing
    ResponseEntity<String> again = call("booking", HttpMethod.POST, "/api/v1/crm/orders",
        booking("web-journey-1", false, false));
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(read(again).get("orderId").asLong()).isEqualTo(orderId);
    assertThat(jdbc.queryForObject("select count(*) from orders where external_id = 'web-journey-1'", Long.class))
        .isEqualTo(1);

    // the open stage shows one SLA due date everywhere: stage instance, task, timer
    JsonNode cjm = read(call("anna", HttpMethod.GET, "/api/v1/crm/orders/" + orderId + "/cjm", null));
    String due = cjm.at("/stages/0/slaDueAt").asText();
    Map<String, Object> sla = stageSla("booked", "standard");
    Duration budget = Duration.parse((String) sla.get("slaDuration"));
    assertThat(Duration.between(OffsetDateTime.parse(cjm.at("/stages/0/enteredAt").asText()),
        OffsetDateTime.parse(due))).as("booked: the table's budget for a standard customer, within Monday's hours")
        .isEqualTo(budget);
    assertThat(cjm.at("/openTasks/0/name").asText()).isEqualTo("Подтвердить бронирование — заказ " + orderId);
    assertThat(cjm.at("/stages/0/slaCalendar").asText()).isEqualTo(sla.get("calendar"));
    assertThat(cjm.at("/stages/0/slaExplanation").asText()).contains(" in " + sla.get("calendar"));
    assertThat(cjm.at("/stages/0/countsAgainstManager").asBoolean()).isEqualTo(sla.get("countsAgainstManager"));
    assertThat(cjm.at("/openTasks/0/candidateGroups/0").asText()).isEqualTo("sales-managers");
    assertThat(cjm.at("/openTasks/0/due").asText()).isEqualTo(due);
    assertThat(cjm.get("pendingTimers").findValuesAsText("activityId")).as("the SLA ladder: one timer at a time")
        .containsExactly("BoundaryEvent_ConfirmBookingSlaWarning");
    assertThat(OffsetDateTime.parse(cjm.at("/pendingTimers/0/dueAt").asText())).isBefore(OffsetDateTime.parse(due));

    // when the managers work it through Tasklist and the payment arrives as a message
    work("anna", processInstanceId, "Task_ConfirmBooking", Map.of("reserveRequired", false));
    work("anna", processInstanceId, "Task_CheckBikeWithSeller", Map.of("bikeCondition", "good",
        "photoUrl", "https://photos.example/1", "confirmedPriceEur", 1850, "sellerContact", "Hans"));
    work("anna", processInstanceId, "Task_PresentCheckReport", Map.of("reportChannel", "whatsapp",
        "reportSummary", "All good"));
    work("anna", processInstanceId, "Task_RecordClientDecision", Map.of("clientDecision", "buy",
        "expertInspection", false, "decisionReason", "Happy"));
    ResponseEntity<String> paid = call("booking", HttpMethod.POST, "/engine-rest/message", Map.of(
        "messageName", "FullPaymentReceived", "businessKey", String.valueOf(orderId),
        "processVariables", Map.of("fullPaid", Map.of("value", true, "type", "Boolean"))));
    assertThat(paid.getStatusCode().is2xxSuccessful()).as(paid.getBody()).isTrue();
    work("anna", processInstanceId, "Task_BuyOutBike", Map.of("buyoutAmountEur", 1700, "buyoutReceiptRef", "B-1"));
    work("anna", processInstanceId, "Task_RecordSellerShipment", Map.of("sellerCarrier", "DHL",
        "sellerTrackingNumber", "JD" + System.nanoTime()));
    work("vera", processInstanceId, "Task_ReceiveBikeAtWarehouse", Map.of("packageCondition", "intact"));
    work("vera", processInstanceId, "Task_RepackBike", Map.of("packedWeightKg", 14.5, "packedSizeCm", "140x30x80"));
    work("lev", processInstanceId, "Task_ShipToRussia", Map.of("russiaCarrier", "CDEK",
        "russiaTrackingNumber", "CD" + System.nanoTime()));

    ResponseEntity<String> tooLate = call("anna", HttpMethod.POST,
        "/api/v1/crm/orders/" + orderId + "/cancellation", Map.of("reason", "changed mind"));
    assertThat(tooLate.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(read(tooLate).get("type").asText()).isEqualTo("urn:cjm:problem:state-conflict");

    work("lev", processInstanceId, "Task_ConfirmDelivery", Map.of("deliveryDate", "2026-12-10"));
    work("anna", processInstanceId, "Task_CloseOrder", Map.of("clientRating", "5", "closingFeedback", "Great"));

    // then the order is closed and its trail has one closed stage instance per visited stage, in order
    List<String> visited = List.of("booked", "seller_check_in_progress", "check_ready", "awaiting_client_decision",
        "full_payment_pending", "full_payment_received", "bike_buyout_completed", "seller_shipped",
        "warehouse_received", "warehouse_repacked", "shipped_to_russia", "delivered", "closed");
    assertThat(jdbc.queryForObject("select status from orders where id = ?", String.class, orderId))
        .isEqualTo("closed");
    assertThat(jdbc.queryForList("select stage from crm_order_stage_instances where order_id = ? order by id",
        String.class, orderId)).containsExactlyElementsOf(visited);
    assertThat(jdbc.queryForObject(
        "select count(*) from crm_order_stage_instances where order_id = ? and left_at is null", Long.class,
        orderId)).isZero();
    assertThat(jdbc.queryForList("select to_status from order_status_events where order_id = ? order by id",
        String.class, orderId)).containsExactlyElementsOf(visited);
    List<String> from = new ArrayList<>();
    from.add(null);
    from.addAll(visited.subList(0, visited.size() - 1));
    assertThat(jdbc.queryForList("select from_status from order_status_events where order_id = ? order by id",
        String.class, orderId)).as("each status change starts where the one before ended")
        .containsExactlyElementsOf(from);
    assertThat(jdbc.queryForObject(
        "select changed_by from order_status_events where order_id = ? and to_status = 'check_ready'",
        String.class, orderId)).isEqualTo("anna");

    JsonNode journey = read(call("galina", HttpMethod.GET, "/api/v1/crm/orders/" + orderId + "/cjm", null));
    assertThat(journey.get("status").asText()).isEqualTo("closed");
    List<String> stages = new ArrayList<>();
    journey.get("stages").forEach(stage -> {
      stages.add(stage.get("stage").asText());
      assertThat(stage.get("leftAt").isNull()).isFalse();
    });
    assertThat(stages).containsExactlyElementsOf(visited);
    assertThat(journey.at("/events/0/type").asText()).isEqualTo("order_created");
    assertThat(journey.get("events").findValuesAsText("type").stream().filter("status_changed"::equals))
        .hasSize(visited.size());
    assertThat(journey.get("openTasks")).isEmpty();
    assertThat(journey.get("pendingTimers")).isEmpty();
  }
}
