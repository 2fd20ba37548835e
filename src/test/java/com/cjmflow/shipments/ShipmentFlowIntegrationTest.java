package com.cjmflow.shipments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Shipment events move the order flow like payments do: a shipment recorded through the API or an ERP/carrier event
 * moves the wait state that takes its leg, exactly as completing that task in Tasklist does — one shipment row, one
 * stage move, one journey entry each; a shipment nobody waits for is still recorded and moves nothing.
 */
class ShipmentFlowIntegrationTest extends ApiTestSupport {

  private static final OffsetDateTime SHIPPED = OffsetDateTime.now(ZoneOffset.UTC).minusHours(6).withNano(0);

  private record Order(long id, String process) {}

  @Test
  void sellerShipmentFromTheApiMovesTheFlowAsTheTasklistFormDoes() {
    // given two orders waiting for the seller's shipment
    Order tasklist = toSellerShipment("ship-flow-tl-1");
    Order api = toSellerShipment("ship-flow-api-1");
    String waiting = status(api.id());

    // when one is recorded in Tasklist and the other through the shipments API
    work("anna", tasklist.process(), "Task_RecordSellerShipment", Map.of("sellerCarrier", "DHL",
        "sellerTrackingNumber", tracking()));
    String apiTracking = tracking();
    ResponseEntity<String> recorded = call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + api.id() + "/shipments",
        shipment("seller_to_warehouse", "DHL", apiTracking, SHIPPED));
    assertThat(recorded.getStatusCode()).as(recorded.getBody()).isEqualTo(HttpStatus.CREATED);

    // then both moved on to the same next stage, with one shipment row and one journey entry each
    for (Order order : List.of(tasklist, api)) {
      assertThat(status(order.id())).isNotEqualTo(waiting).isEqualTo(status(tasklist.id()));
      assertThat(openTasks(order)).containsExactly("Task_ReceiveBikeAtWarehouse");
      assertThat(count("shipments where order_id = " + order.id() + " and leg = 'seller_to_warehouse'")).isEqualTo(1);
      assertThat(journey(order.id(), "shipment_recorded")).isEqualTo(1);
      assertThat(count("crm_journey_events where order_id = " + order.id() + " and event_type = 'status_changed' "
          + "and from_status = '" + waiting + "'")).isEqualTo(1);
      assertThat(count("crm_order_stage_instances where order_id = " + order.id() + " and stage = '" + waiting
          + "' and left_at is not null")).isEqualTo(1);
    }

    // the same shipment again changes nothing
    ResponseEntity<String> again = call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + api.id() + "/shipments",
        shipment("seller_to_warehouse", "DHL", apiTracking, SHIPPED));
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(journey(api.id(), "shipment_recorded")).isEqualTo(1);
    String moves = " and event_type = 'status_changed'";
    assertThat(count("crm_journey_events where order_id = " + api.id() + moves))
        .isEqualTo(count("crm_journey_events where order_id = " + tasklist.id() + moves));
  }

  @Test
  void shipmentToRussiaAndItsDeliveryFromTheCarrierMoveTheFlow() {
    // given an order repacked at the warehouse
    Order order = toSellerShipment("ship-flow-erp-1");
    call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + order.id() + "/shipments",
        shipment("seller_to_warehouse", "DHL", tracking(), SHIPPED));
    work("vera", order.process(), "Task_ReceiveBikeAtWarehouse", Map.of("packageCondition", "intact"));
    work("vera", order.process(), "Task_RepackBike", Map.of("packedWeightKg", 15, "packedSizeCm", "140x30x80"));
    assertThat(openTasks(order)).containsExactly("Task_ShipToRussia");

    // when the ERP reports the shipment to Russia
    String tracking = tracking();
    ResponseEntity<String> shipped = event("delivery.shipped", Map.of("orderId", order.id(),
        "leg", "warehouse_to_russia", "carrier", "CDEK", "trackingNumber", tracking,
        "shippedAt", SHIPPED.plusHours(1).toString()));
    assertThat(shipped.getStatusCode()).as(shipped.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(read(shipped).get("outcome").asText()).endsWith("process advanced");
    assertThat(openTasks(order)).containsExactly("Task_ConfirmDelivery");
    String inTransit = status(order.id());

    // and the carrier reports the delivery
    ResponseEntity<String> delivered = event("delivery.delivered", Map.of("carrier", "CDEK",
        "trackingNumber", tracking, "deliveredAt", SHIPPED.plusHours(4).toString()));
    assertThat(delivered.getStatusCode()).as(delivered.getBody()).isEqualTo(HttpStatus.CREATED);

    // then the order waits for its closing, with the delivery and the move in the journey once
    assertThat(openTasks(order)).containsExactly("Task_CloseOrder");
    assertThat(status(order.id())).isNotEqualTo(inTransit);
    assertThat(journey(order.id(), "shipment_delivered")).isEqualTo(1);
    assertThat(count("crm_journey_events where order_id = " + order.id() + " and event_type = 'status_changed' "
        + "and from_status = '" + inTransit + "'")).isEqualTo(1);
    // a repeated carrier event changes nothing
    assertThat(event("delivery.delivered", Map.of("carrier", "CDEK", "trackingNumber", tracking,
        "deliveredAt", SHIPPED.plusHours(4).toString())).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(journey(order.id(), "shipment_delivered")).isEqualTo(1);
    assertThat(openTasks(order)).containsExactly("Task_CloseOrder");
  }

  @Test
  void confirmingDeliveryInTasklistMarksTheShipmentDelivered() {
    Order order = toSellerShipment("ship-flow-tl-2");
    work("anna", order.process(), "Task_RecordSellerShipment", Map.of("sellerCarrier", "DHL",
        "sellerTrackingNumber", tracking()));
    work("vera", order.process(), "Task_ReceiveBikeAtWarehouse", Map.of("packageCondition", "intact"));
    work("vera", order.process(), "Task_RepackBike", Map.of("packedWeightKg", 15, "packedSizeCm", "140x30x80"));
    work("lev", order.process(), "Task_ShipToRussia", Map.of("russiaCarrier", "CDEK", "russiaTrackingNumber",
        tracking()));
    assertThat(count("shipments where order_id = " + order.id() + " and leg = 'warehouse_to_russia' "
        + "and delivered_at is null")).isEqualTo(1);

    work("lev", order.process(), "Task_ConfirmDelivery", Map.of("deliveryDate", "2026-12-01"));

    assertThat(count("shipments where order_id = " + order.id() + " and leg = 'warehouse_to_russia' "
        + "and delivered_at is not null")).isEqualTo(1);
    assertThat(jdbc.queryForList("select actor from crm_journey_events where order_id = ? "
        + "and event_type = 'shipment_delivered'", String.class, order.id())).containsExactly("lev");
    assertThat(openTasks(order)).containsExactly("Task_CloseOrder");
  }

  @Test
  void aShipmentTheOrderDoesNotWaitForIsRecordedAndMovesNothing() {
    JsonNode booked = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("ship-flow-early-1",
        false, false)));
    Order order = new Order(booked.get("orderId").asLong(), booked.get("processInstanceId").asText());
    String status = status(order.id());

    ResponseEntity<String> recorded = call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + order.id()
        + "/shipments", shipment("seller_to_warehouse", "UPS", tracking(), SHIPPED));

    assertThat(recorded.getStatusCode()).as(recorded.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(status(order.id())).isEqualTo(status);
    assertThat(openTasks(order)).containsExactly("Task_ConfirmBooking");
    assertThat(journey(order.id(), "shipment_recorded")).isEqualTo(1);
  }

  /** A booked order (no reserve, no expert) worked up to the seller's shipment. */
  private Order toSellerShipment(String externalId) {
    JsonNode booked = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking(externalId, false, false)));
    Order order = new Order(booked.get("orderId").asLong(), booked.get("processInstanceId").asText());
    work("anna", order.process(), "Task_ConfirmBooking", Map.of("reserveRequired", false));
    work("anna", order.process(), "Task_CheckBikeWithSeller", Map.of("bikeCondition", "good",
        "photoUrl", "https://p.example/1", "confirmedPriceEur", 1850, "sellerContact", "Hans"));
    work("anna", order.process(), "Task_PresentCheckReport", Map.of("reportChannel", "whatsapp",
        "reportSummary", "ok"));
    work("anna", order.process(), "Task_RecordClientDecision", Map.of("clientDecision", "buy",
        "decisionReason", "ok"));
    ResponseEntity<String> paid = call("booking", HttpMethod.POST, "/api/v1/crm/orders/" + order.id() + "/payments",
        Map.of("kind", "full", "amount", 1850, "currency", "EUR", "paidAt", SHIPPED.minusHours(1).toString(),
            "reference", "F-" + externalId));
    assertThat(paid.getStatusCode()).as(paid.getBody()).isEqualTo(HttpStatus.CREATED);
    work("anna", order.process(), "Task_BuyOutBike", Map.of("buyoutAmountEur", 1700, "buyoutReceiptRef", "B-1"));
    assertThat(openTasks(order)).containsExactly("Task_RecordSellerShipment");
    return order;
  }

  private List<String> openTasks(Order order) {
    return jdbc.queryForList("select TASK_DEF_KEY_ from ACT_RU_TASK where PROC_INST_ID_ = ? order by CREATE_TIME_",
        String.class, order.process());
  }

  private String status(long orderId) {
    return jdbc.queryForObject("select status from orders where id = ?", String.class, orderId);
  }

  private long journey(long orderId, String type) {
    return count("crm_journey_events where order_id = " + orderId + " and event_type = '" + type + "'");
  }

  private static Map<String, Object> shipment(String leg, String carrier, String tracking, OffsetDateTime at) {
    return Map.of("leg", leg, "carrier", carrier, "trackingNumber", tracking, "shippedAt", at.toString());
  }

  private static String tracking() {
    return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
  }

  private ResponseEntity<String> event(String type, Map<String, Object> data) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("application/cloudevents+json"));
    headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
    headers.setBasicAuth("booking", "booking");
    try {
      String body = json.writeValueAsString(Map.of("specversion", "1.0", "id", UUID.randomUUID().toString(),
          "source", "urn:erp:test", "type", type, "time", java.time.Instant.now().toString(),
          "datacontenttype", "application/json", "data", data));
      return http.exchange("/api/v1/integration/events", HttpMethod.POST, new HttpEntity<>(body, headers),
          String.class);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
