package com.cjmflow.order360;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/** After a full journey the 360 views and reads agree with the rows they summarise. */
class Crm360IntegrationTest extends ApiTestSupport {

  private static final OffsetDateTime T0 = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).withNano(0);

  @Test
  void viewsMatchTheDataAfterAFullJourney() {
    // given an order with reserve, worked through every stage with payments, contacts, a follow-up and shipments
    JsonNode booked = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("web-360-1", true, false)));
    long orderId = booked.get("orderId").asLong();
    String pi = booked.get("processInstanceId").asText();
    long customerId = jdbc.queryForObject("select customer_id from orders where id = ?", Long.class, orderId);

    work("anna", pi, "Task_ConfirmBooking", Map.of("reserveRequired", true));
    pay(orderId, "reserve", "300.00", "R-360-1");
    work("anna", pi, "Task_StartSellerCheck", Map.of("sellerContact", "Hans"));
    work("anna", pi, "Task_CheckBikeWithSeller", Map.of("bikeCondition", "good", "photoUrl", "https://p.example/1",
        "confirmedPriceEur", 1850, "sellerContact", "Hans"));
    post("anna", "/api/v1/crm/orders/" + orderId + "/touchpoints", Map.of("channel", "whatsapp",
        "direction", "inbound", "summary", "Any news?", "occurredAt", T0.toString()));
    post("anna", "/api/v1/crm/orders/" + orderId + "/touchpoints", Map.of("channel", "whatsapp",
        "direction", "outbound", "summary", "Report is coming", "occurredAt", T0.plusMinutes(15).toString()));
    work("anna", pi, "Task_PresentCheckReport", Map.of("reportChannel", "whatsapp", "reportSummary", "ok"));
    work("anna", pi, "Task_RecordClientDecision", Map.of("clientDecision", "buy", "decisionReason", "ok"));
    pay(orderId, "full", "1550.00", "F-360-1");
    JsonNode followup = post("anna", "/api/v1/crm/orders/" + orderId + "/followups",
        Map.of("subject", "Confirm pickup date", "dueAt", T0.plusDays(1).toString()));
    call("anna", HttpMethod.PATCH, "/api/v1/crm/followups/" + followup.get("id").asLong() + "/complete",
        Map.of("outcome", "Pickup on Monday"));
    work("anna", pi, "Task_BuyOutBike", Map.of("buyoutAmountEur", 1700, "buyoutReceiptRef", "B-360"));
    work("anna", pi, "Task_RecordSellerShipment", Map.of("sellerCarrier", "DHL", "sellerTrackingNumber", "DHL360"));
    post("anna", "/api/v1/crm/orders/" + orderId + "/shipments", Map.of("leg", "seller_to_warehouse",
        "carrier", "DHL", "trackingNumber", "DHL360", "shippedAt", T0.plusHours(1).toString()));
    work("vera", pi, "Task_ReceiveBikeAtWarehouse", Map.of("packageCondition", "intact"));
    work("vera", pi, "Task_RepackBike", Map.of("packedWeightKg", 15, "packedSizeCm", "140x30x80"));
    work("lev", pi, "Task_ShipToRussia", Map.of("russiaCarrier", "CDEK", "russiaTrackingNumber", "CDEK360"));
    post("lev", "/api/v1/crm/orders/" + orderId + "/shipments", Map.of("leg", "warehouse_to_russia",
        "carrier", "CDEK", "trackingNumber", "CDEK360", "shippedAt", T0.plusHours(1).plusMinutes(30).toString()));
    work("lev", pi, "Task_ConfirmDelivery", Map.of("deliveryDate", "2026-12-01"));
    work("anna", pi, "Task_CloseOrder", Map.of("clientRating", "5"));

    // then the order's view row matches
    Map<String, Object> order = jdbc.queryForMap("select * from crm_order_360_v where order_id = ?", orderId);
    assertThat(value(order, "status")).isEqualTo("closed");
    assertThat(value(order, "is_open")).isEqualTo(false);
    assertThat(value(order, "manager_id")).isEqualTo("anna");
    assertThat(number(order, "touchpoints")).isEqualTo(2);
    assertThat(number(order, "open_reply_windows")).isZero();
    assertThat(number(order, "open_followups")).isZero();
    assertThat(number(order, "shipments")).isEqualTo(2);
    assertThat(number(order, "sla_breaches")).isZero();
    assertThat(number(order, "manager_contacts")).isEqualTo(1);
    assertThat(number(order, "client_contacts")).isEqualTo(1);
    assertThat(new BigDecimal(value(order, "paid_amount").toString())).isEqualByComparingTo("1850.00");

    // and the 360 read tells the same story in one call
    JsonNode view = read(call("galina", HttpMethod.GET, "/api/v1/crm/orders/" + orderId, null));
    assertThat(view.at("/order/status").asText()).isEqualTo("closed");
    assertThat(view.at("/order/customer/id").asLong()).isEqualTo(customerId);
    assertThat(view.at("/order/currentStage").isNull()).isTrue();
    assertThat(view.at("/order/stall/stalled").asBoolean()).isFalse();
    assertThat(view.get("stageHistory").findValuesAsText("stage")).containsExactly("booked",
        "reserve_payment_pending", "reserve_paid", "seller_check_in_progress", "check_ready",
        "awaiting_client_decision", "full_payment_pending", "full_payment_received", "bike_buyout_completed",
        "seller_shipped", "warehouse_received", "warehouse_repacked", "shipped_to_russia", "delivered", "closed");
    assertThat(view.get("latestTouchpoints")).hasSize(2);
    assertThat(view.at("/followups/0/status").asText()).isEqualTo("completed");
    assertThat(view.at("/payments/items")).hasSize(2);
    assertThat(view.get("shipments")).hasSize(2);
    assertThat(view.get("openTasks")).isEmpty();

    // the customer's view row matches
    Map<String, Object> customer = jdbc.queryForMap("select * from crm_customer_360_v where customer_id = ?",
        customerId);
    assertThat(number(customer, "orders")).isEqualTo(1);
    assertThat(number(customer, "open_orders")).isZero();
    assertThat(number(customer, "inbound_contacts")).isEqualTo(1);
    assertThat(number(customer, "outbound_contacts")).isEqualTo(1);
    assertThat(number(customer, "open_followups")).isZero();
    assertThat(number(customer, "sla_breaches")).isZero();

    // the manager's view row matches the task mirror, and the workload read matches the view
    Map<String, Object> workload = jdbc.queryForMap(
        "select * from crm_manager_workload_live_v where manager_id = 'anna'");
    assertThat(number(workload, "open_tasks")).isEqualTo(jdbc.queryForObject(
        "select count(*) from tasks where assignee = 'anna' and completed_at is null", Long.class));
    assertThat(number(workload, "open_followups")).isEqualTo(jdbc.queryForObject(
        "select count(*) from crm_manager_followups where manager_id = 'anna' and status = 'open'", Long.class));
    JsonNode read = read(call("anna", HttpMethod.GET, "/api/v1/crm/managers/anna/workload", null));
    assertThat(read.get("openTasks").asLong()).isEqualTo(number(workload, "open_tasks"));
    assertThat(read.get("openReplyWindows").asLong()).isEqualTo(number(workload, "open_reply_windows"));
    assertThat(read.get("stalledOrders").asLong()).isEqualTo(number(workload, "stalled_orders"));
    assertThat(jdbc.queryForObject("select count(*) from tasks where order_id = ? and completed_at is null",
        Long.class, orderId)).isZero();

    // every manager action on the order is in the activity log
    assertThat(jdbc.queryForList("select distinct action from manager_activity_events where order_id = ? "
        + "and manager_id = 'anna'", String.class, orderId))
        .contains("claim", "complete", "status_change", "touchpoint");
  }

  @Test
  void readsAreGuarded() {
    long orderId = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("web-360-2", false, false)))
        .get("orderId").asLong();
    assertThat(call("booking", HttpMethod.GET, "/api/v1/crm/orders/" + orderId, null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("anna", HttpMethod.GET, "/api/v1/crm/orders/999999", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(call("boris", HttpMethod.GET, "/api/v1/crm/managers/anna/workload", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("galina", HttpMethod.GET, "/api/v1/crm/managers/anna/workload", null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(call("galina", HttpMethod.GET, "/api/v1/crm/managers/vera/workload", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  private void pay(long orderId, String kind, String amount, String reference) {
    JsonNode payment = post("booking", "/api/v1/crm/orders/" + orderId + "/payments", Map.of("kind", kind,
        "amount", new BigDecimal(amount), "currency", "EUR", "paidAt", T0.toString(), "reference", reference));
    assertThat(payment.get("processAdvanced").asBoolean()).as("%s payment moves the process", kind).isTrue();
  }

  private JsonNode post(String user, String path, Object body) {
    ResponseEntity<String> answer = call(user, HttpMethod.POST, path, body);
    assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getBody()).isTrue();
    return read(answer);
  }

  private static Object value(Map<String, Object> row, String column) {
    return row.containsKey(column) ? row.get(column) : row.get(column.toUpperCase());
  }

  private static long number(Map<String, Object> row, String column) {
    return ((Number) value(row, column)).longValue();
  }
}
