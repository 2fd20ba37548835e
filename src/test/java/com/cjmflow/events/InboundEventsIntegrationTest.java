package com.cjmflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/** ERP and shop events in: each type's mapping, dedup by event id, unknown types kept, malformed ones refused. */
class InboundEventsIntegrationTest extends ApiTestSupport {

  private static final String ERP = "urn:erp:test";
  private static final String PATH = "/api/v1/integration/events";

  @Autowired InboundEvents inbound;
  @Autowired TaskService tasks;
  @Autowired com.cjmflow.platform.DisplayNames names;

  @Test
  void shopOrderIsBookedOnceByEventIdAndByExternalId() {
    Map<String, Object> data = Map.of("externalId", "shop-in-1",
        "customer", Map.of("name", "Shop Client", "email", "shop-in-1@example.ru"),
        "bike", Map.of("title", "Trek Domane", "sellerCountry", "NL", "priceEur", 2100),
        "reserveRequired", false, "expertInspection", false);
    String id = UUID.randomUUID().toString();
    ResponseEntity<String> first = structured("booking", id, "order.created", data);
    assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(read(first).get("status").asText()).isEqualTo("applied");
    assertThat(orders("shop-in-1")).isEqualTo(1);

    ResponseEntity<String> again = structured("booking", id, "order.created", data);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(read(again).get("duplicate").asBoolean()).isTrue();
    assertThat(read(again).get("outcome").asText()).isEqualTo(read(first).get("outcome").asText());
    ResponseEntity<String> twin = structured("booking", UUID.randomUUID().toString(), "order.created", data);
    assertThat(twin.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(read(twin).get("outcome").asText()).startsWith("order already booked");
    assertThat(orders("shop-in-1")).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from crm_inbound_events where event_id = ?", Long.class, id))
        .isEqualTo(1);
  }

  @Test
  void paymentReceivedInBinaryModeMovesTheOrder() {
    JsonNode order = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("erp-pay-1", true, false)));
    long orderId = order.get("orderId").asLong();
    work("anna", order.get("processInstanceId").asText(), "Task_ConfirmBooking", Map.of("reserveRequired", true));
    String statusBefore = status(orderId);

    ResponseEntity<String> paid = binary("booking", UUID.randomUUID().toString(), "payment.received",
        Map.of("externalOrderId", "erp-pay-1", "kind", "reserve", "amount", 300, "currency", "EUR",
            "reference", "ERP-PAY-1"));
    assertThat(paid.getStatusCode()).as(paid.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(read(paid).get("outcome").asText()).contains("process advanced");
    assertThat(jdbc.queryForObject("select count(*) from payments where order_id = ? and reference = 'ERP-PAY-1'",
        Long.class, orderId)).isEqualTo(1);
    assertThat(status(orderId)).isNotEqualTo(statusBefore);
  }

  @Test
  void paymentOverdueOpensAReminderAndAReplyWindow() {
    long orderId = book("erp-overdue-1");
    ResponseEntity<String> overdue = structured("booking", UUID.randomUUID().toString(), "payment.overdue",
        Map.of("orderId", orderId, "invoiceNumber", "INV-OD-1"));
    assertThat(overdue.getStatusCode()).as(overdue.getBody()).isEqualTo(HttpStatus.CREATED);
    // the reminder in the company's language (i18n/names*.properties), the invoice named
    String subject = names.phrase("reminder.payment-overdue", Map.of("invoice",
        names.phrase("reminder.invoice", Map.of("invoice", "INV-OD-1"))));
    assertThat(subject).contains("INV-OD-1").doesNotContain("{");
    assertThat(jdbc.queryForObject("select count(*) from crm_manager_followups where order_id = ? and status = 'open' "
        + "and subject like ?", Long.class, orderId, "%" + subject + "%")).isEqualTo(1);
    Map<String, Object> touchpoint = jdbc.queryForMap("select direction, source, response_due_at from crm_touchpoints "
        + "where order_id = ?", orderId);
    assertThat(touchpoint.get("direction")).isEqualTo("inbound");
    assertThat(touchpoint.get("source")).isEqualTo("erp");
    assertThat(touchpoint.get("response_due_at")).as("a reply window is open").isNotNull();
  }

  @Test
  void deliveryShippedAndDeliveredRecordTheShipment() {
    long orderId = book("erp-ship-1");
    OffsetDateTime shipped = OffsetDateTime.now(ZoneOffset.UTC).minusHours(5).withNano(0);
    assertThat(structured("booking", UUID.randomUUID().toString(), "delivery.shipped", Map.of("orderId", orderId,
        "leg", "seller_to_warehouse", "carrier", "DHL", "trackingNumber", "ERPSHIP1", "shippedAt",
        shipped.toString())).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(structured("booking", UUID.randomUUID().toString(), "delivery.delivered", Map.of("carrier", "DHL",
        "trackingNumber", "ERPSHIP1", "deliveredAt", shipped.plusHours(3).toString())).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    Map<String, Object> shipment = jdbc.queryForMap("select leg, delivered_at from shipments where order_id = ?",
        orderId);
    assertThat(shipment.get("leg")).isEqualTo("seller_to_warehouse");
    assertThat(shipment.get("delivered_at")).isNotNull();
    ResponseEntity<String> unknownParcel = structured("booking", UUID.randomUUID().toString(), "delivery.delivered",
        Map.of("carrier", "DHL", "trackingNumber", "NOSUCH", "deliveredAt", shipped.toString()));
    assertThat(unknownParcel.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
  }

  @Test
  void invoicePostedIsStoredOnTheOrderOnce() {
    long orderId = book("erp-inv-1");
    Map<String, Object> data = Map.of("orderId", orderId, "invoiceNumber", "INV-ERP-1", "amount", 1850.50,
        "currency", "EUR", "postedAt", "2026-11-20T10:00:00+03:00");
    assertThat(structured("booking", UUID.randomUUID().toString(), "invoice.posted", data).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    ResponseEntity<String> again = structured("booking", UUID.randomUUID().toString(), "invoice.posted", data);
    assertThat(read(again).get("outcome").asText()).startsWith("known invoice");
    assertThat(jdbc.queryForObject("select count(*) from order_invoices where order_id = ?", Long.class, orderId))
        .isEqualTo(1);
  }

  @Test
  void blacklistedCustomerCannotBookAndTheRunningOrderIsReviewed() {
    long orderId = book("erp-bl-1");
    long customerId = jdbc.queryForObject("select customer_id from orders where id = ?", Long.class, orderId);
    ResponseEntity<String> blacklisted = structured("booking", UUID.randomUUID().toString(),
        "crm.customer.blacklisted", Map.of("customerId", customerId, "reason", "chargeback fraud"));
    assertThat(blacklisted.getStatusCode()).as(blacklisted.getBody()).isEqualTo(HttpStatus.CREATED);

    // the running order gets a review task for the head of sales
    assertThat(tasks.createTaskQuery().taskCandidateGroup("head-of-sales").processVariableValueEquals("orderId",
        orderId).list()).extracting(t -> t.getName()).anyMatch(name -> name.contains("customer blacklisted"));
    // a new booking of the customer is refused, and writes nothing
    ResponseEntity<String> refused = call("booking", HttpMethod.POST, "/api/v1/crm/orders",
        booking("erp-bl-2", false, false).entrySet().stream().collect(java.util.stream.Collectors.toMap(
            Map.Entry::getKey, e -> e.getKey().equals("customer") ? Map.of("name", "Ivan Petrov",
                "email", "erp-bl-1@example.ru") : e.getValue())));
    assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(read(refused).get("type").asText()).isEqualTo("urn:cjm:problem:rule-violation");
    assertThat(orders("erp-bl-2")).isZero();
    // and the CRM publishes it for other domains
    assertThat(jdbc.queryForObject("select count(*) from crm_event_outbox where event_type = "
        + "'crm.customer.blacklisted' and subject = ?", Long.class, "customers/" + customerId)).isEqualTo(1);
  }

  @Test
  void unknownTypesAreKeptRejectedOnesRecordedMalformedOnesRefused() {
    String unknownId = UUID.randomUUID().toString();
    ResponseEntity<String> unknown = structured("booking", unknownId, "inventory.shortage.detected",
        Map.of("sku", "X-1"));
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    JsonNode report = read(call("galina", HttpMethod.GET, PATH + "?status=unknown&size=500", null));
    assertThat(report.get("items").findValues("id")).extracting(JsonNode::asText).contains(unknownId);

    String rejectedId = UUID.randomUUID().toString();
    ResponseEntity<String> rejected = structured("booking", rejectedId, "payment.received",
        Map.of("orderId", 999999999, "kind", "full", "amount", 10, "reference", "R"));
    assertThat(rejected.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(read(rejected).get("eventStatus").asText()).isEqualTo("rejected");
    ResponseEntity<String> rejectedAgain = structured("booking", rejectedId, "payment.received",
        Map.of("orderId", 999999999, "kind", "full", "amount", 10, "reference", "R"));
    assertThat(rejectedAgain.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(read(rejectedAgain).get("status").asText()).isEqualTo("rejected");

    long before = count("crm_inbound_events");
    for (String body : List.of("{not json", "[]", "{\"specversion\":\"1.0\",\"source\":\"s\",\"type\":\"t\",\"data\":{}}",
        "{\"specversion\":\"0.3\",\"id\":\"x\",\"source\":\"s\",\"type\":\"t\",\"data\":{}}",
        "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"t\",\"data\":\"text\"}",
        "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"t\",\"time\":\"yesterday\",\"data\":{}}")) {
      ResponseEntity<String> answer = send("booking", structuredHeaders(), body);
      assertThat(answer.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(read(answer).get("type").asText()).isEqualTo("urn:cjm:problem:invalid-event");
    }
    ResponseEntity<String> badData = structured("booking", UUID.randomUUID().toString(), "payment.received",
        Map.of("orderId", "seven", "kind", "full", "amount", 10, "reference", "R"));
    assertThat(badData.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    HttpHeaders plain = new HttpHeaders();
    plain.setContentType(MediaType.APPLICATION_JSON);
    assertThat(send("booking", plain, "{}").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(count("crm_inbound_events")).isEqualTo(before);
    assertThat(structured("anna", UUID.randomUUID().toString(), "order.created", Map.of()).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void kafkaRecordsGoThroughTheSameHandlers() {
    long orderId = book("erp-kafka-in-1");
    var listener = new com.cjmflow.events.inbound.InboundKafkaListenerProbe(inbound, json);
    String id = UUID.randomUUID().toString();
    ConsumerRecord<String, String> record = new ConsumerRecord<>("erp.events", 0, 0, "orders/" + orderId,
        "{\"orderId\":" + orderId + ",\"invoiceNumber\":\"INV-K-1\",\"amount\":99.90}");
    for (String[] header : new String[][] {{"ce_specversion", "1.0"}, {"ce_id", id}, {"ce_source", ERP},
        {"ce_type", "invoice.posted"}, {"content-type", "application/json"}}) {
      record.headers().add(header[0], header[1].getBytes(StandardCharsets.UTF_8));
    }
    listener.deliver(record);
    listener.deliver(record);
    listener.deliver(new ConsumerRecord<>("erp.events", 0, 1, "x", "{broken"));
    assertThat(inbound.find(ERP, id)).hasValueSatisfying(receipt -> {
      assertThat(receipt.status()).isEqualTo("applied");
      assertThat(receipt.channel()).isEqualTo("kafka");
    });
    assertThat(jdbc.queryForObject("select count(*) from order_invoices where invoice_number = 'INV-K-1'",
        Long.class)).isEqualTo(1);
  }

  private long book(String externalId) {
    return read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking(externalId, false, false)))
        .get("orderId").asLong();
  }

  private long orders(String externalId) {
    return jdbc.queryForObject("select count(*) from orders where external_id = ?", Long.class, externalId);
  }

  private String status(long orderId) {
    return jdbc.queryForObject("select status from orders where id = ?", String.class, orderId);
  }

  private ResponseEntity<String> structured(String user, String id, String type, Object data) {
    try {
      return send(user, structuredHeaders(), json.writeValueAsString(Map.of("specversion", "1.0", "id", id,
          "source", ERP, "type", type, "time", java.time.Instant.now().toString(),
          "datacontenttype", "application/json", "data", data)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private ResponseEntity<String> binary(String user, String id, String type, Object data) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set("ce-specversion", "1.0");
    headers.set("ce-id", id);
    headers.set("ce-source", ERP);
    headers.set("ce-type", type);
    try {
      return send(user, headers, json.writeValueAsString(data));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpHeaders structuredHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("application/cloudevents+json"));
    return headers;
  }

  private ResponseEntity<String> send(String user, HttpHeaders headers, String body) {
    headers.setBasicAuth(user, user);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
    return http.exchange(PATH, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }
}
