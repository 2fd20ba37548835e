package com.cjmflow.orderflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;

/** Bad input gets a 4xx RFC 9457 problem and changes nothing. */
class BookingValidationIntegrationTest extends ApiTestSupport {

  @Test
  void invalidBookingsAreRefusedAndWriteNothing() {
    long orders = count("orders");
    long customers = count("customers");
    long processes = count("act_ru_execution");

    Map<String, Object> noExternalId = new HashMap<>(booking("x", false, false));
    noExternalId.remove("externalId");
    Map<String, Object> badCountry = new HashMap<>(booking("web-bad-2", false, false));
    badCountry.put("bike", Map.of("title", "Bike", "sellerCountry", "Germany", "priceEur", 100));
    Map<String, Object> unknownField = new HashMap<>(booking("web-bad-3", false, false));
    unknownField.put("discount", 50);
    Map<String, Object> noContact = new HashMap<>(booking("web-bad-4", false, false));
    noContact.put("customer", Map.of("name", "Ivan"));
    Map<String, Object> negativePrice = new HashMap<>(booking("web-bad-5", false, false));
    negativePrice.put("bike", Map.of("title", "Bike", "sellerCountry", "DE", "priceEur", -1));

    for (Object body : new Object[] {noExternalId, badCountry, unknownField, noContact, negativePrice, "{not json"}) {
      ResponseEntity<String> answer = call("anna", HttpMethod.POST, "/api/v1/crm/orders", body);
      assertThat(answer.getStatusCode()).as(String.valueOf(body)).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
      assertThat(read(answer).get("status").asInt()).isEqualTo(400);
    }

    assertThat(count("orders")).isEqualTo(orders);
    assertThat(count("customers")).isEqualTo(customers);
    assertThat(count("act_ru_execution")).isEqualTo(processes);
  }

  @Test
  void unknownOrdersAnswer404() {
    ResponseEntity<String> journey = call("anna", HttpMethod.GET, "/api/v1/crm/orders/999999/cjm", null);
    assertThat(journey.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(read(journey).get("type").asText()).isEqualTo("urn:cjm:problem:not-found");
    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/orders/999999/cancellation", Map.of("reason", "x"))
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void cancellationBeforeShippingIsAccepted() {
    long orderId = read(call("anna", HttpMethod.POST, "/api/v1/crm/orders", booking("web-cancel-1", false, false)))
        .get("orderId").asLong();

    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/cancellation", Map.of())
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/cancellation",
        Map.of("reason", "client found another bike")).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

    assertThat(jdbc.queryForObject("select status from orders where id = ?", String.class, orderId))
        .isEqualTo("cancelled");
    assertThat(jdbc.queryForList("select event_type from crm_journey_events where order_id = ? order by id",
        String.class, orderId)).containsSubsequence("order_created", "cancellation_requested", "status_changed");
  }
}
