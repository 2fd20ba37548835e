package com.cjmflow.shipments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
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

/** Shipments over the API: one per carrier tracking number, legs that fit the order, delivery recorded once. */
class ShipmentsIntegrationTest extends ApiTestSupport {

  @Test
  void shipmentIsRecordedOnceListedAndDelivered() {
    // given a booked order
    long orderId = book(false);
    String tracking = tracking();
    Map<String, Object> body = shipment("seller_to_warehouse", "DHL", tracking, "2026-04-01T09:00:00+02:00");

    // when anna records the seller's shipment
    ResponseEntity<String> recorded = post("anna", orderId, body);

    // then it is stored with a Location and a journey event
    assertThat(recorded.getStatusCode()).as(recorded.getBody()).isEqualTo(HttpStatus.CREATED);
    JsonNode shipment = read(recorded);
    long shipmentId = shipment.get("id").asLong();
    assertThat(recorded.getHeaders().getLocation()).hasToString("/api/v1/crm/shipments/" + shipmentId);
    assertThat(shipment.get("orderId").asLong()).isEqualTo(orderId);
    assertThat(shipment.get("leg").asText()).isEqualTo("seller_to_warehouse");
    assertThat(shipment.get("carrier").asText()).isEqualTo("DHL");
    assertThat(shipment.get("trackingNumber").asText()).isEqualTo(tracking);
    assertThat(shipment.get("deliveredAt").isNull()).isTrue();
    assertThat(shipment.get("recordedBy").asText()).isEqualTo("anna");
    assertThat(jdbc.queryForList("select details from crm_journey_events where order_id = ? "
        + "and event_type = 'shipment_recorded'", String.class, orderId))
        .containsExactly("seller_to_warehouse DHL " + tracking);

    // the same tracking number again for this order answers with the stored shipment
    ResponseEntity<String> again = post("anna", orderId, body);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(read(again).get("id").asLong()).isEqualTo(shipmentId);
    assertThat(countFor("shipments", orderId)).isEqualTo(1);
    // … but not for another leg
    assertProblem(post("anna", orderId, shipment("warehouse_to_russia", "DHL", tracking, "2026-04-02T09:00:00Z")),
        HttpStatus.CONFLICT);

    // logistics ships to Russia; the list is oldest first and filters by leg
    String russia = tracking();
    assertThat(post("lev", orderId, shipment("warehouse_to_russia", "CDEK", russia, "2026-04-10T09:00:00Z"))
        .getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode list = read(call("galina", HttpMethod.GET, "/api/v1/crm/orders/" + orderId + "/shipments", null));
    assertThat(list.get("total").asLong()).isEqualTo(2);
    assertThat(list.get("items").findValuesAsText("trackingNumber")).containsExactly(tracking, russia);
    JsonNode legs = read(call("galina", HttpMethod.GET,
        "/api/v1/crm/orders/" + orderId + "/shipments?leg=warehouse_to_russia&size=1", null));
    assertThat(legs.get("items").findValuesAsText("trackingNumber")).containsExactly(russia);
    for (String bad : List.of("?size=0", "?size=201", "?page=-1", "?leg=by_air")) {
      assertProblem(call("anna", HttpMethod.GET, "/api/v1/crm/orders/" + orderId + "/shipments" + bad, null),
          HttpStatus.BAD_REQUEST);
    }

    // when the warehouse receives it, it is delivered once
    ResponseEntity<String> delivered = deliver("vera", shipmentId, "2026-04-05T10:00:00+02:00");
    assertThat(delivered.getStatusCode()).as(delivered.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(read(delivered).get("deliveredAt").isNull()).isFalse();
    assertThat(deliver("vera", shipmentId, "2026-04-05T08:00:00Z").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertProblem(deliver("vera", shipmentId, "2026-04-06T10:00:00Z"), HttpStatus.CONFLICT);
    assertThat(jdbc.queryForList("select actor from crm_journey_events where order_id = ? "
        + "and event_type = 'shipment_delivered'", String.class, orderId)).containsExactly("vera");
    JsonNode stored = read(call("anna", HttpMethod.GET, "/api/v1/crm/shipments/" + shipmentId, null));
    assertThat(OffsetDateTime.parse(stored.get("deliveredAt").asText()))
        .isAtSameInstantAs(OffsetDateTime.parse("2026-04-05T08:00:00Z"));
  }

  @Test
  void deliveryBeforeShippingIsARuleViolationAndChangesNothing() {
    long orderId = book(false);
    long shipmentId = read(post("anna", orderId,
        shipment("seller_to_warehouse", "UPS", tracking(), "2026-04-01T09:00:00Z"))).get("id").asLong();

    assertProblem(deliver("vera", shipmentId, "2026-03-31T09:00:00Z"), HttpStatus.UNPROCESSABLE_ENTITY);

    assertThat(jdbc.queryForObject("select count(*) from shipments where id = ? and delivered_at is null",
        Long.class, shipmentId)).isEqualTo(1);
  }

  @Test
  void toTheExpertOnlyWhenTheOrderHasAnExpertInspection() {
    long plain = book(false);
    long events = count("crm_journey_events");

    assertProblem(post("anna", plain, shipment("seller_to_expert", "DHL", tracking(), "2026-04-01T09:00:00Z")),
        HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(countFor("shipments", plain)).isZero();
    assertThat(count("crm_journey_events")).isEqualTo(events);

    long inspected = book(true);
    assertThat(post("anna", inspected, shipment("seller_to_expert", "DHL", tracking(), "2026-04-01T09:00:00Z"))
        .getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void aTrackingNumberOfAnotherOrderIsAConflict() {
    String tracking = tracking();
    long first = book(false);
    long second = book(false);
    assertThat(post("anna", first, shipment("seller_to_warehouse", "GLS", tracking, "2026-04-01T09:00:00Z"))
        .getStatusCode()).isEqualTo(HttpStatus.CREATED);

    assertProblem(post("anna", second, shipment("seller_to_warehouse", "GLS", tracking, "2026-04-01T09:00:00Z")),
        HttpStatus.CONFLICT);
    assertThat(countFor("shipments", second)).isZero();
  }

  @Test
  void invalidShipmentsAreRefusedAndWriteNothing() {
    long orderId = book(false);
    long shipmentId = read(post("anna", orderId,
        shipment("seller_to_warehouse", "DPD", tracking(), "2026-04-01T09:00:00Z"))).get("id").asLong();
    long shipments = count("shipments");
    long events = count("crm_journey_events");
    List<Map<String, Object>> invalid = List.of(with("leg", "by_air"), without("leg"), with("carrier", " "),
        with("carrier", "C".repeat(101)), without("carrier"), with("trackingNumber", "AB 123"),
        with("trackingNumber", ""), with("trackingNumber", "T".repeat(101)), without("trackingNumber"),
        with("shippedAt", "tomorrow"), with("shippedAt", "2026-04-01T09:00:00"), without("shippedAt"),
        with("weightKg", 14));

    for (Map<String, Object> body : invalid) {
      assertProblem(post("anna", orderId, body), HttpStatus.BAD_REQUEST);
    }
    for (Object body : new Object[] {Map.of(), Map.of("deliveredAt", "soon"), "{not json"}) {
      assertProblem(call("vera", HttpMethod.PATCH, "/api/v1/crm/shipments/" + shipmentId + "/delivered", body),
          HttpStatus.BAD_REQUEST);
    }

    assertThat(count("shipments")).isEqualTo(shipments);
    assertThat(count("crm_journey_events")).isEqualTo(events);
    assertThat(jdbc.queryForObject("select count(*) from shipments where id = ? and delivered_at is null",
        Long.class, shipmentId)).isEqualTo(1);
  }

  @Test
  void unknownOrdersAndShipmentsAnswer404() {
    long shipments = count("shipments");
    assertProblem(post("anna", 999_999, shipment("seller_to_warehouse", "DHL", tracking(), "2026-04-01T09:00:00Z")),
        HttpStatus.NOT_FOUND);
    assertProblem(call("anna", HttpMethod.GET, "/api/v1/crm/orders/999999/shipments", null), HttpStatus.NOT_FOUND);
    assertProblem(call("anna", HttpMethod.GET, "/api/v1/crm/shipments/999999", null), HttpStatus.NOT_FOUND);
    assertProblem(deliver("vera", 999_999, "2026-04-05T10:00:00Z"), HttpStatus.NOT_FOUND);
    assertThat(count("shipments")).isEqualTo(shipments);
  }

  private long book(boolean expert) {
    ResponseEntity<String> booked = call("booking", HttpMethod.POST, "/api/v1/crm/orders",
        booking("ship-" + UUID.randomUUID(), false, expert));
    assertThat(booked.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return read(booked).get("orderId").asLong();
  }

  private ResponseEntity<String> post(String user, long orderId, Object body) {
    return call(user, HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/shipments", body);
  }

  private ResponseEntity<String> deliver(String user, long shipmentId, String deliveredAt) {
    return call(user, HttpMethod.PATCH, "/api/v1/crm/shipments/" + shipmentId + "/delivered",
        Map.of("deliveredAt", deliveredAt));
  }

  private static String tracking() {
    return "JD-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
  }

  private static Map<String, Object> shipment(String leg, String carrier, String tracking, String shippedAt) {
    return new HashMap<>(Map.of("leg", leg, "carrier", carrier, "trackingNumber", tracking, "shippedAt", shippedAt));
  }

  private static Map<String, Object> with(String field, Object value) {
    Map<String, Object> body = shipment("seller_to_warehouse", "DHL", tracking(), "2026-04-01T09:00:00Z");
    body.put(field, value);
    return body;
  }

  private static Map<String, Object> without(String field) {
    Map<String, Object> body = shipment("seller_to_warehouse", "DHL", tracking(), "2026-04-01T09:00:00Z");
    body.remove(field);
    return body;
  }

  private void assertProblem(ResponseEntity<String> answer, HttpStatus expected) {
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(expected);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(read(answer).get("status").asInt()).isEqualTo(expected.value());
  }

  private long countFor(String table, long orderId) {
    return jdbc.queryForObject("select count(*) from " + table + " where order_id = ?", Long.class, orderId);
  }
}
