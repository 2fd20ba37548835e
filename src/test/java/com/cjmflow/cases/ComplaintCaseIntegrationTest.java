package com.cjmflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An inbound complaint (a contact marked with {@code complaintKind}, through the touchpoint API or the interaction
 * layer) opens an order case of that kind by itself, linked to the order and the complaint, once per complaint; a
 * complaint the cases module refuses is not recorded either.
 */
class ComplaintCaseIntegrationTest extends ApiTestSupport {

  /** A whole minute, so that {@code toString()} drops the seconds that RFC 3339 (the interaction schema) requires. */
  private static final OffsetDateTime AT =
      OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.MINUTES);

  @Test
  void anInboundComplaintOpensACaseOfItsKindOnItsOrderOnce() {
    long orderId = book("complaint-1");

    // when the client complains on WhatsApp that the frame arrived damaged
    ResponseEntity<String> complaint = call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/touchpoints",
        Map.of("channel", "whatsapp", "direction", "inbound", "summary", "The frame arrived scratched",
            "occurredAt", AT.toString(), "complaintKind", "damage"));

    // then a damage case is open on the order, linked to the complaint, and the journey shows it
    assertThat(complaint.getStatusCode()).as(complaint.getBody()).isEqualTo(HttpStatus.CREATED);
    long touchpointId = read(complaint).get("id").asLong();
    assertThat(read(complaint).get("complaintKind").asText()).isEqualTo("damage");
    JsonNode cases = cases(orderId);
    assertThat(cases.get("total").asLong()).isEqualTo(1);
    JsonNode opened = cases.get("items").get(0);
    assertThat(opened.get("kind").asText()).isEqualTo("damage");
    assertThat(opened.get("origin").asText()).isEqualTo("complaint");
    assertThat(opened.get("status").asText()).isEqualTo("open");
    assertThat(opened.get("sourceTouchpointId").asLong()).isEqualTo(touchpointId);
    assertThat(opened.get("summary").asText()).isEqualTo("The frame arrived scratched");
    assertThat(opened.get("processInstanceId").isTextual()).isTrue();
    assertThat(count("crm_journey_events where order_id = " + orderId + " and event_type = 'case_opened'"))
        .isEqualTo(1);

    // a contact that is no complaint opens nothing
    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/touchpoints",
        Map.of("channel", "whatsapp", "direction", "inbound", "summary", "Thanks for the call",
            "occurredAt", AT.toString())).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(cases(orderId).get("total").asLong()).isEqualTo(1);

    // a complaint through the interaction layer, delivered twice, opens one more case
    long customerId = jdbc.queryForObject("select customer_id from orders where id = ?", Long.class, orderId);
    Map<String, Object> interaction = new HashMap<>(Map.of("customerId", customerId, "orderId", orderId,
        "channel", "email", "direction", "inbound", "body", "Delivery took three weeks longer than promised",
        "occurredAt", AT.toInstant().toString(), "externalReference", "mail:complaint-1-" + orderId,
        "complaintKind", "delay"));
    ResponseEntity<String> first = call("booking", HttpMethod.POST, "/api/v1/interactions", interaction);
    ResponseEntity<String> again = call("booking", HttpMethod.POST, "/api/v1/interactions", interaction);
    assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode both = cases(orderId);
    assertThat(both.get("total").asLong()).isEqualTo(2);
    assertThat(both.get("items").findValuesAsText("kind")).containsExactlyInAnyOrder("damage", "delay");
    assertThat(count("order_cases where source_touchpoint_id = " + read(first).get("id").asLong())).isEqualTo(1);
  }

  @Test
  void aComplaintTheCasesModuleRefusesIsNotRecorded() {
    long orderId = book("complaint-2");
    long contacts = count("crm_touchpoints where order_id = " + orderId);

    ResponseEntity<String> unknownKind = call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId
        + "/touchpoints", Map.of("channel", "phone", "direction", "inbound", "summary", "Not happy",
            "occurredAt", AT.toString(), "complaintKind", "gift"));
    ResponseEntity<String> outbound = call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId
        + "/touchpoints", Map.of("channel", "phone", "direction", "outbound", "summary", "Called",
            "occurredAt", AT.toString(), "complaintKind", "damage"));

    assertThat(unknownKind.getStatusCode()).as(unknownKind.getBody()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(outbound.getStatusCode()).as(outbound.getBody()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(count("crm_touchpoints where order_id = " + orderId)).isEqualTo(contacts);
    assertThat(count("order_cases where order_id = " + orderId)).isZero();
  }

  private long book(String externalId) {
    return read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking(externalId, false, false)))
        .get("orderId").asLong();
  }

  private JsonNode cases(long orderId) {
    return read(call("galina", HttpMethod.GET, "/api/v1/crm/cases?orderId=" + orderId, null));
  }
}
