package com.cjmflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.cjmflow.kpi.KpiRecompute;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Order cases over HTTP: a refund after cancellation worked entirely in Tasklist writes the same rows as the same
 * refund worked through the case API; auto-approval below the routing threshold; four eyes; rejection reaching the
 * client; compensation after delivery; the case step's SLA breach on the stage ladder.
 */
class OrderCaseIntegrationTest extends ApiTestSupport {

  @Autowired KpiRecompute kpi;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** The smallest of a few amounts for which the deployed routing table does (or does not) ask for approval. */
  private BigDecimal amount(String kind, boolean approval) {
    for (String candidate : List.of("1.00", "10.00", "40.00", "100.00", "400.00", "1000.00", "5000.00")) {
      var row = decisions.evaluateDecisionTableByKey("case-routing", Variables.putValue("caseKind", kind)
          .putValue("amountEur", Double.valueOf(candidate)).putValue("customerTier", "standard")
          .putValue("reasonCode", null)).getFirstResult();
      if (Boolean.TRUE.equals(row.getEntry("approvalRequired")) == approval) {
        return new BigDecimal(candidate);
      }
    }
    throw new AssertionError("the routing table has no " + (approval ? "approval" : "auto-approval") + " for " + kind);
  }

  private long[] paidOrder(String externalId) {
    return paidOrder(externalId, false);
  }

  /** A booked order with a reserve, confirmed by anna, the reserve paid (API, or confirmed in Tasklist). */
  private long[] paidOrder(String externalId, boolean inTasklist) {
    JsonNode order = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking(externalId, true, false)));
    long orderId = order.get("orderId").asLong();
    String process = order.get("processInstanceId").asText();
    work("anna", process, "Task_ConfirmBooking", Map.of("reserveRequired", true));
    if (inTasklist) {
      work("anna", process, "Task_ConfirmReservePayment", Map.of("reserveAmountEur", 500,
          "reservePaymentReference", "RES-1"));
      return new long[] {orderId};
    }
    ResponseEntity<String> paid = call("booking", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/payments",
        Map.of("kind", "reserve", "amount", 500, "currency", "EUR", "paidAt", "2026-09-08T08:00:00Z",
            "reference", "RES-1"));
    assertThat(paid.getStatusCode()).as(paid.getBody()).isEqualTo(HttpStatus.CREATED);
    return new long[] {orderId};
  }

  private String processOf(long orderId) {
    return jdbc.queryForObject("select process_instance_id from orders where id = ?", String.class, orderId);
  }

  private JsonNode caseOf(long orderId) {
    JsonNode page = read(call("galina", HttpMethod.GET, "/api/v1/crm/cases?orderId=" + orderId, null));
    assertThat(page.get("total").asLong()).isEqualTo(1);
    return page.get("items").get(0);
  }

  private Map<String, Object> rows(long orderId) {
    return Map.of(
        "payments", jdbc.queryForList("select kind, amount, currency, reference from payments where order_id = ? "
            + "order by kind", orderId),
        "refund", jdbc.queryForMap("select r.status, r.amount, r.decided_by, r.paid_by, "
            + "case when r.payment_id = p.id then true else false end as linked from refund_requests r "
            + "join payments p on p.order_id = r.order_id and p.kind = 'refund' where r.order_id = ?", orderId),
        "case", jdbc.queryForMap("select case_type, status, decision, decided_by, settlement, approver_role, "
            + "accountable_manager_id, approval_required from order_cases where order_id = ?", orderId));
  }

  private BigDecimal kpiRefunds(String manager, LocalDate day) {
    kpi.run(day, day, manager, Instant.now(), d -> {});
    return jdbc.queryForList("select refunds_eur from manager_kpi_daily_facts where manager_id = ? and fact_date = ?",
        BigDecimal.class, manager, day).stream().findFirst().orElse(BigDecimal.ZERO);
  }

  @Test
  void refundWorkedInTasklistWritesTheSameRowsAsTheApiPath() {
    BigDecimal amount = amount("refund", true);
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-09-08T08:00:00Z")));
    BigDecimal before = kpiRefunds("anna", LocalDate.parse("2026-09-08"));

    // Tasklist: the order is cancelled after the reserve was paid, the manager arranges the refund, the head of
    // sales approves, the manager pays it out
    long tasklistOrder = paidOrder("case-tasklist-1", true)[0];
    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + tasklistOrder + "/cancellation",
        Map.of("reason", "client changed mind")).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    work("anna", processOf(tasklistOrder), "Task_ArrangeRefund", Map.of("refundAmountEur", amount.doubleValue(),
        "refundMethod", "bank_transfer", "refundReason", "client changed mind"));
    JsonNode opened = caseOf(tasklistOrder);
    assertThat(opened.get("status").asText()).isEqualTo("open");
    assertThat(opened.get("origin").asText()).isEqualTo("order_flow");
    assertThat(opened.at("/currentStep/stage").asText()).isEqualTo("case_approval_pending");
    assertThat(opened.at("/sla/dueAt").isTextual()).isTrue();
    assertThat(opened.at("/request/status").asText()).isEqualTo("requested");
    String caseProcess = opened.get("processInstanceId").asText();
    work("galina", caseProcess, "Task_ApproveCase", Map.of("caseDecision", "approved", "decisionComment", "ok"));
    work("anna", caseProcess, "Task_SettleCase", Map.of("settlementReference", "REF-1", "settlementCurrency", "EUR"));

    // API: the same refund opened, decided and settled through the case API
    long apiOrder = paidOrder("case-api-1")[0];
    ResponseEntity<String> created = call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + apiOrder + "/cases",
        Map.of("kind", "refund", "amount", amount, "reason", "client changed mind", "refundMethod", "bank_transfer"));
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    long apiCase = read(created).get("id").asLong();
    ResponseEntity<String> decided = call("galina", HttpMethod.POST, "/api/v1/crm/cases/" + apiCase + "/decision",
        Map.of("decision", "approved", "comment", "ok"));
    assertThat(decided.getStatusCode()).as(decided.getBody()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> settled = call("anna", HttpMethod.POST, "/api/v1/crm/cases/" + apiCase + "/settlement",
        Map.of("reference", "REF-1"));
    assertThat(settled.getStatusCode()).as(settled.getBody()).isEqualTo(HttpStatus.OK);

    // then both paths wrote the same rows
    Map<String, Object> tasklist = rows(tasklistOrder);
    assertThat(rows(apiOrder)).isEqualTo(tasklist);
    assertThat(String.valueOf(tasklist.get("case")).toLowerCase()).contains("status=resolved", "decision=approved",
        "decided_by=galina", "accountable_manager_id=anna");
    assertThat(String.valueOf(tasklist.get("refund")).toLowerCase()).contains("status=paid", "paid_by=anna", "linked=true");
    JsonNode resolved = caseOf(tasklistOrder);
    assertThat(resolved.get("status").asText()).isEqualTo("resolved");
    assertThat(resolved.at("/request/status").asText()).isEqualTo("paid");
    assertThat(resolved.get("currentStep").isNull()).isTrue();

    // the order 360 and the journey show them; the KPI counts both against anna, who owned the order's stage
    for (long orderId : new long[] {tasklistOrder, apiOrder}) {
      JsonNode view = read(call("galina", HttpMethod.GET, "/api/v1/crm/orders/" + orderId, null));
      assertThat(view.at("/cases/0/status").asText()).isEqualTo("resolved");
      assertThat(view.at("/refunds/0/status").asText()).isEqualTo("paid");
      assertThat(new BigDecimal(view.at("/order/paidAmount").asText())).isEqualByComparingTo(
          new BigDecimal("500").subtract(amount));
      JsonNode cjm = read(call("galina", HttpMethod.GET, "/api/v1/crm/orders/" + orderId + "/cjm", null));
      assertThat(cjm.get("events").findValuesAsText("type")).contains("case_opened", "case_step", "case_approved",
          "case_settled", "case_resolved");
      assertThat(cjm.get("stages").findValuesAsText("stage")).contains("case_approval_pending",
          "case_settlement_pending");
    }
    assertThat(jdbc.queryForObject("select status from orders where id = ?", String.class, tasklistOrder))
        .as("a case's steps leave the order's status alone").isEqualTo("cancelled");
    assertThat(kpiRefunds("anna", LocalDate.parse("2026-09-08"))).isEqualByComparingTo(
        before.add(amount).add(amount));
    assertThat(count("crm_event_outbox where event_type = 'crm.case.resolved' and subject = 'orders/" + apiOrder + "'"))
        .isEqualTo(1);
  }

  @Test
  void smallRefundIsApprovedAutomaticallyAndWaitsOnlyForThePayOut() {
    long orderId = paidOrder("case-auto-1")[0];
    BigDecimal amount = amount("refund", false);
    JsonNode opened = read(call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/cases",
        Map.of("kind", "refund", "amount", amount, "reason", "scratch")));
    assertThat(opened.get("approvalRequired").asBoolean()).isFalse();
    assertThat(opened.get("decision").asText()).isEqualTo("auto_approved");
    assertThat(opened.at("/currentStep/stage").asText()).isEqualTo("case_settlement_pending");

    ResponseEntity<String> notWaiting = call("galina", HttpMethod.POST, "/api/v1/crm/cases/" + opened.get("id")
        + "/decision", Map.of("decision", "approved", "comment", "x"));
    assertThat(notWaiting.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void theRequesterCannotApproveTheirOwnCaseInTasklistOrTheApi() {
    long orderId = paidOrder("case-four-eyes-1")[0];
    JsonNode opened = read(call("galina", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/cases",
        Map.of("kind", "refund", "amount", amount("refund", true), "reason", "galina's own")));
    long caseId = opened.get("id").asLong();

    ResponseEntity<String> api = call("galina", HttpMethod.POST, "/api/v1/crm/cases/" + caseId + "/decision",
        Map.of("decision", "approved", "comment", "mine"));
    assertThat(api.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(read(api).get("type").asText()).isEqualTo("urn:cjm:problem:forbidden");

    JsonNode tasks = read(call("galina", HttpMethod.GET, "/engine-rest/task?processInstanceId="
        + opened.get("processInstanceId").asText() + "&taskDefinitionKey=Task_ApproveCase", null));
    String taskId = tasks.get(0).get("id").asText();
    call("galina", HttpMethod.POST, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", "galina"));
    ResponseEntity<String> tasklist = call("galina", HttpMethod.POST, "/engine-rest/task/" + taskId + "/submit-form",
        Map.of("variables", Map.of("caseDecision", Map.of("value", "approved"), "decisionComment",
            Map.of("value", "mine"))));
    assertThat(tasklist.getStatusCode()).as(tasklist.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(caseOf(orderId).get("decision").isNull()).isTrue();

    ResponseEntity<String> manager = call("anna", HttpMethod.POST, "/api/v1/crm/cases/" + caseId + "/decision",
        Map.of("decision", "approved", "comment", "not my role"));
    assertThat(manager.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void rejectedCompensationReachesTheClientAsAnOutboundTouchpoint() {
    long orderId = paidOrder("case-reject-1")[0];
    JsonNode opened = read(call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/cases",
        Map.of("kind", "compensation", "amount", amount("compensation", true), "reason", "scratched frame",
            "reasonCode", "damage", "origin", "complaint")));
    long caseId = opened.get("id").asLong();
    assertThat(opened.at("/request/type").asText()).isEqualTo("compensation");
    assertThat(call("galina", HttpMethod.POST, "/api/v1/crm/cases/" + caseId + "/decision",
        Map.of("decision", "rejected", "comment", "damage was there before")).getStatusCode()).isEqualTo(HttpStatus.OK);
    work("anna", opened.get("processInstanceId").asText(), "Task_InformClientOfRejection",
        Map.of("rejectionChannel", "phone", "rejectionMessage", "explained the inspection report"));

    JsonNode closed = read(call("galina", HttpMethod.GET, "/api/v1/crm/cases/" + caseId, null));
    assertThat(closed.get("status").asText()).isEqualTo("rejected");
    assertThat(closed.at("/request/status").asText()).isEqualTo("rejected");
    assertThat(count("crm_touchpoints where order_id = " + orderId + " and direction = 'outbound' and "
        + "external_reference = 'order-case-" + caseId + "-rejection'")).isEqualTo(1);
    assertThat(count("payments where order_id = " + orderId + " and kind = 'compensation'")).isZero();
  }

  @Test
  void badInputIsRefusedWithProblems() {
    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/orders/999999999/cases",
        Map.of("kind", "refund", "amount", 10, "reason", "x")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/orders/1/cases",
        Map.of("kind", "gift", "amount", 10, "reason", "x")).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/orders/1/cases",
        Map.of("kind", "refund", "amount", -1, "reason", "x")).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(call("galina", HttpMethod.GET, "/api/v1/crm/cases/999999999", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(call("galina", HttpMethod.GET, "/api/v1/crm/cases?status=lost", null).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(call("vera", HttpMethod.GET, "/api/v1/crm/cases", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void aCaseStepPastItsSlaIsBreachedOnTheStageLadder() {
    long orderId = paidOrder("case-sla-1")[0];
    JsonNode opened = read(call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/cases",
        Map.of("kind", "refund", "amount", amount("refund", true), "reason", "late")));
    String process = opened.get("processInstanceId").asText();

    management.executeJob(slaTimer(process, "BoundaryEvent_ApproveCaseSlaBreached").getId());

    JsonNode breached = read(call("galina", HttpMethod.GET, "/api/v1/crm/cases/" + opened.get("id"), null));
    assertThat(breached.at("/currentStep/slaBreached").asBoolean()).isTrue();
    assertThat(count("crm_order_stage_instances where case_id = " + opened.get("id").asLong()
        + " and is_sla_breached")).isEqualTo(1);
    assertThat(jdbc.queryForObject("select current_stage from crm_order_360_v where order_id = ?", String.class,
        orderId)).as("the order's own stage is not the case's step").isEqualTo("reserve_paid");
    JsonNode breaches = read(call("galina", HttpMethod.GET, "/api/v1/crm/sla/breaches?stage=case_approval_pending&size=200",
        null));
    assertThat(breaches.get("items").findValuesAsText("orderId")).contains(String.valueOf(orderId));
  }
}
