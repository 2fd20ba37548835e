package com.cjmflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Lead, churn and routing scores: computed from SQL features by the deployed decision tables (the test evaluates
 * the same tables, so the process owner may edit them), written as the customer's scores with the rules that
 * produced them, recomputed when the feed reports a contact.
 */
class CustomerScoringIntegrationTest extends ApiTestSupport {

  private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);

  @Autowired ScoreSchedule schedule;

  @Test
  void scoresFollowTheDecisionTablesAndAreWrittenWithTheirRules() {
    JsonNode booked = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("ai-score-1", false,
        false)));
    long orderId = booked.get("orderId").asLong();
    long customerId = jdbc.queryForObject("select customer_id from orders where id = ?", Long.class, orderId);
    for (String text : List.of("Когда будет отчёт?", "Я очень недоволен, хочу возврат денег", "Жду звонка")) {
      call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/touchpoints", Map.of("channel", "phone",
          "direction", "inbound", "summary", text, "occurredAt", NOW.minusHours(2).toString()));
    }

    ResponseEntity<String> response = call("galina", HttpMethod.POST, "/ai/crm/scores/" + customerId + "/recompute",
        null);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode result = read(response);
    Map<String, Object> features = json.convertValue(result.get("features"), Map.class);

    assertThat(features).containsEntry("engagementCount", 3).containsEntry("negativeKeywords", 1)
        .containsEntry("customerTier", "standard").containsEntry("channel", "phone");
    assertThat(result.get("lead").intValue()).isEqualTo(points(CustomerScoring.LEAD, features));
    assertThat(result.get("churn").intValue()).isEqualTo(points(CustomerScoring.CHURN, features));
    Map<String, Object> route = decisions.evaluateDecisionTableByKey(CustomerScoring.ROUTING,
        Variables.fromMap(features)).getFirstResult().getEntryMap();
    assertThat(result.get("risk").intValue()).isEqualTo(((Number) route.get("risk")).intValue());
    assertThat(result.get("route").asText()).isEqualTo(route.get("route"));
    assertThat(result.get("riskSource").asText()).contains("dmn:contact-routing v", (String) route.get("rule"));

    JsonNode reference = read(call("galina", HttpMethod.GET, "/api/v1/customers/" + customerId, null));
    assertThat(reference.at("/scores/lead/score").intValue()).isEqualTo(result.get("lead").intValue());
    assertThat(reference.at("/scores/lead/source").asText()).startsWith("dmn:lead-score v").contains("base");
    assertThat(reference.at("/scores/churn/source").asText()).startsWith("dmn:churn-risk v");
    assertThat(reference.at("/scores/risk/source").asText()).startsWith("dmn:contact-routing v");

    assertThat(call("galina", HttpMethod.POST, "/ai/crm/scores/987654321/recompute", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(call("anna", HttpMethod.POST, "/ai/crm/scores/" + customerId + "/recompute", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void aNewContactRescoresItsCustomer() {
    schedule.followOnce();
    JsonNode booked = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("ai-score-2", false,
        false)));
    long orderId = booked.get("orderId").asLong();
    long customerId = jdbc.queryForObject("select customer_id from orders where id = ?", Long.class, orderId);
    call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/touchpoints", Map.of("channel", "email",
        "direction", "inbound", "summary", "Any news?", "occurredAt", NOW.minusMinutes(5).toString()));

    schedule.followOnce();

    assertThat(jdbc.queryForList("select source from customer_scores where customer_id = ? order by id",
        String.class, customerId)).anyMatch(s -> s.startsWith("dmn:lead-score"))
        .anyMatch(s -> s.startsWith("dmn:churn-risk")).anyMatch(s -> s.startsWith("dmn:contact-routing"));
  }

  private int points(String key, Map<String, Object> features) {
    int sum = 0;
    for (Map<String, Object> row : decisions.evaluateDecisionTableByKey(key, Variables.fromMap(new HashMap<>(
        features))).getResultList()) {
      sum += ((Number) row.get("points")).intValue();
    }
    return Math.min(100, sum);
  }
}
