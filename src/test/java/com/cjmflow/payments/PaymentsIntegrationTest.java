package com.cjmflow.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/** Payments over the API: recorded once, told to the order's process, refused when invalid. */
class PaymentsIntegrationTest extends ApiTestSupport {

  @Test
  void reservePaymentMovesTheWaitingProcessOnceAndARepeatChangesNothing() {
    // given an order with reserve whose booking anna confirmed: the process waits for the reserve payment
    JsonNode order = book(true);
    long orderId = order.get("orderId").asLong();
    confirmBooking(order.get("processInstanceId").asText());
    assertThat(status(orderId)).isEqualTo("reserve_payment_pending");
    String reference = "BANK-" + UUID.randomUUID();
    Map<String, Object> body = payment("reserve", 200, reference);

    // when the reserve payment is recorded
    ResponseEntity<String> recorded = post(orderId, body);

    // then it is stored, the process moved on, and the journey shows it
    assertThat(recorded.getStatusCode()).as(recorded.getBody()).isEqualTo(HttpStatus.CREATED);
    JsonNode payment = read(recorded);
    long paymentId = payment.get("id").asLong();
    assertThat(recorded.getHeaders().getLocation()).hasToString(paymentsPath(orderId) + "/" + paymentId);
    assertThat(payment.get("orderId").asLong()).isEqualTo(orderId);
    assertThat(payment.get("kind").asText()).isEqualTo("reserve");
    assertThat(payment.get("amount").decimalValue()).isEqualByComparingTo("200");
    assertThat(payment.get("currency").asText()).isEqualTo("EUR");
    assertThat(payment.get("reference").asText()).isEqualTo(reference);
    assertThat(payment.get("recordedBy").asText()).isEqualTo("anna");
    assertThat(payment.get("processAdvanced").asBoolean()).isTrue();
    assertThat(status(orderId)).isEqualTo("reserve_paid");
    assertThat(jdbc.queryForList("select details from crm_journey_events where order_id = ? "
        + "and event_type = 'payment_received'", String.class, orderId))
        .containsExactly("reserve 200.00 EUR ref " + reference);
    long statusEvents = countFor("order_status_events", orderId);

    // when the same payment arrives again it answers with the stored one and tells the process nothing
    ResponseEntity<String> again = post(orderId, body);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(read(again).get("id").asLong()).isEqualTo(paymentId);
    assertThat(read(again).get("processAdvanced").asBoolean()).isFalse();
    assertThat(countFor("payments", orderId)).isEqualTo(1);
    assertThat(countFor("order_status_events", orderId)).isEqualTo(statusEvents);
    assertThat(status(orderId)).isEqualTo("reserve_paid");

    ResponseEntity<String> one = call("galina", HttpMethod.GET, paymentsPath(orderId) + "/" + paymentId, null);
    assertThat(one.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(read(one).get("reference").asText()).isEqualTo(reference);
  }

  @Test
  void fullPaymentTheProcessIsNotWaitingForIsRecordedWithoutMovingIt() {
    // given a booked order (the process waits for the booking to be confirmed, not for money)
    long orderId = book(false).get("orderId").asLong();

    ResponseEntity<String> full = post(orderId, payment("full", 1850.5, "FULL-" + UUID.randomUUID()));

    assertThat(full.getStatusCode()).as(full.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(read(full).get("processAdvanced").asBoolean()).isFalse();
    assertThat(status(orderId)).isEqualTo("booked");
    assertThat(countFor("payments", orderId)).isEqualTo(1);
  }

  @Test
  void listIsOldestFirstWithTotalsPerCurrencyAndPages() {
    long orderId = book(false).get("orderId").asLong();
    post(orderId, at(payment("full", 1000, "L-FULL-" + UUID.randomUUID()), "2026-03-02T10:00:00+01:00"));
    post(orderId, at(payment("refund", 150.25, "L-REF-" + UUID.randomUUID()), "2026-03-03T10:00:00Z"));
    post(orderId, at(payment("reserve", 100, "L-RES-" + UUID.randomUUID()), "2026-03-01T10:00:00Z"));
    Map<String, Object> dollars = at(payment("full", 20, "L-USD-" + UUID.randomUUID()), "2026-03-04T10:00:00Z");
    dollars.put("currency", "USD");
    assertThat(post(orderId, dollars).getStatusCode()).isEqualTo(HttpStatus.CREATED);

    JsonNode list = read(call("anna", HttpMethod.GET, paymentsPath(orderId), null));
    assertThat(list.get("total").asLong()).isEqualTo(4);
    assertThat(list.get("items").findValuesAsText("kind")).containsExactly("reserve", "full", "refund", "full");
    JsonNode eur = list.at("/totals/0");
    assertThat(eur.get("currency").asText()).isEqualTo("EUR");
    assertThat(eur.get("reserve").decimalValue()).isEqualByComparingTo("100");
    assertThat(eur.get("full").decimalValue()).isEqualByComparingTo("1000");
    assertThat(eur.get("refund").decimalValue()).isEqualByComparingTo("150.25");
    assertThat(eur.get("net").decimalValue()).isEqualByComparingTo("949.75");
    assertThat(list.at("/totals/1/currency").asText()).isEqualTo("USD");
    assertThat(list.at("/totals/1/net").decimalValue()).isEqualByComparingTo("20");

    JsonNode page = read(call("anna", HttpMethod.GET, paymentsPath(orderId) + "?kind=full&page=1&size=1", null));
    assertThat(page.get("total").asLong()).isEqualTo(2);
    assertThat(page.at("/items/0/currency").asText()).isEqualTo("USD");
    assertThat(page.get("totals")).hasSize(2);
    for (String bad : List.of("?size=0", "?size=201", "?page=-1", "?kind=deposit")) {
      assertProblem(call("anna", HttpMethod.GET, paymentsPath(orderId) + bad, null), HttpStatus.BAD_REQUEST);
    }
  }

  @Test
  void whenTheProcessRefusesTheMessageNothingIsWritten() {
    // given the process waits for the reserve; vera (warehouse) may not move order processes
    JsonNode order = book(true);
    long orderId = order.get("orderId").asLong();
    confirmBooking(order.get("processInstanceId").asText());
    long payments = count("payments");
    long events = count("crm_journey_events");
    String reference = "DENIED-" + UUID.randomUUID();

    ResponseEntity<String> denied = call("vera", HttpMethod.POST, paymentsPath(orderId),
        payment("reserve", 300, reference));

    assertProblem(denied, HttpStatus.FORBIDDEN);
    assertThat(count("payments")).isEqualTo(payments);
    assertThat(count("crm_journey_events")).isEqualTo(events);
    assertThat(status(orderId)).isEqualTo("reserve_payment_pending");
    // the same payment recorded by a sales manager goes through
    assertThat(post(orderId, payment("reserve", 300, reference)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void invalidPaymentsAreRefusedAndWriteNothing() {
    long orderId = book(false).get("orderId").asLong();
    long payments = count("payments");
    long events = count("crm_journey_events");
    List<Map<String, Object>> invalid = List.of(
        payment("full", -10, "N-1"), payment("full", 0, "N-2"), payment("full", 10.123, "N-3"),
        with("currency", "eur"), with("currency", "EURO"), payment("deposit", 10, "N-4"), without("kind"),
        without("reference"), with("reference", "  "), with("reference", "R".repeat(201)), without("amount"),
        with("paidAt", "yesterday"), with("paidAt", "2026-03-01T10:00:00"), without("paidAt"),
        with("discount", 5));

    for (Map<String, Object> body : invalid) {
      assertProblem(post(orderId, body), HttpStatus.BAD_REQUEST);
    }
    assertProblem(post(orderId, "{not json"), HttpStatus.BAD_REQUEST);

    assertThat(count("payments")).isEqualTo(payments);
    assertThat(count("crm_journey_events")).isEqualTo(events);
  }

  @Test
  void unknownOrdersAndPaymentsAnswer404() {
    long payments = count("payments");
    assertProblem(post(999_999, payment("full", 10, "X-" + UUID.randomUUID())), HttpStatus.NOT_FOUND);
    assertProblem(call("anna", HttpMethod.GET, paymentsPath(999_999), null), HttpStatus.NOT_FOUND);
    long orderId = book(false).get("orderId").asLong();
    assertProblem(call("anna", HttpMethod.GET, paymentsPath(orderId) + "/999999", null), HttpStatus.NOT_FOUND);
    assertThat(count("payments")).isEqualTo(payments);
  }

  private JsonNode book(boolean reserve) {
    ResponseEntity<String> booked = call("booking", HttpMethod.POST, "/api/v1/crm/orders",
        booking("pay-" + UUID.randomUUID(), reserve, false));
    assertThat(booked.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return read(booked);
  }

  /** What anna does in Tasklist: find "Confirm booking", claim it, complete it. */
  private void confirmBooking(String processInstanceId) {
    JsonNode tasks = read(call("anna", HttpMethod.GET, "/engine-rest/task?processInstanceId=" + processInstanceId
        + "&taskDefinitionKey=Task_ConfirmBooking", null));
    assertThat(tasks).hasSize(1);
    String taskId = tasks.get(0).get("id").asText();
    assertThat(call("anna", HttpMethod.POST, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", "anna"))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(call("anna", HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete",
        Map.of("variables", Map.of())).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  private ResponseEntity<String> post(long orderId, Object body) {
    return call("anna", HttpMethod.POST, paymentsPath(orderId), body);
  }

  private static String paymentsPath(long orderId) {
    return "/api/v1/crm/orders/" + orderId + "/payments";
  }

  private static Map<String, Object> payment(String kind, Number amount, String reference) {
    return new HashMap<>(Map.of("kind", kind, "amount", amount, "paidAt", "2026-03-01T12:30:00+03:00",
        "reference", reference));
  }

  private static Map<String, Object> at(Map<String, Object> payment, String paidAt) {
    payment.put("paidAt", paidAt);
    return payment;
  }

  private static Map<String, Object> with(String field, Object value) {
    Map<String, Object> body = payment("full", 10, "V-" + UUID.randomUUID());
    body.put(field, value);
    return body;
  }

  private static Map<String, Object> without(String field) {
    Map<String, Object> body = payment("full", 10, "V-" + UUID.randomUUID());
    body.remove(field);
    return body;
  }

  private void assertProblem(ResponseEntity<String> answer, HttpStatus expected) {
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(expected);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(read(answer).get("status").asInt()).isEqualTo(expected.value());
  }

  private String status(long orderId) {
    return jdbc.queryForObject("select status from orders where id = ?", String.class, orderId);
  }

  private long countFor(String table, long orderId) {
    return jdbc.queryForObject("select count(*) from " + table + " where order_id = ?", Long.class, orderId);
  }
}
