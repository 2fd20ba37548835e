package com.cjmflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

import com.cjmflow.ApiTestSupport;
import com.cjmflow.customers.Customers;
import com.cjmflow.orderflow.OrderFlow;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

/**
 * Every business change publishes its CloudEvent in the transaction of the change: each type appears in the pull
 * feed with the envelope and data its served schemas describe, in order per subject, resumable from a cursor, and
 * nothing is published when the change rolls back.
 */
class DomainEventsIntegrationTest extends ApiTestSupport {

  private static final OffsetDateTime MONDAY_10_MSK = OffsetDateTime.parse("2026-11-16T07:00:00Z");
  private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final SchemaValidatorsConfig STRICT = SchemaValidatorsConfig.builder()
      .formatAssertionsEnabled(true).build();

  @Autowired RuntimeService runtime;
  @Autowired TransactionTemplate transaction;
  @Autowired Customers customers;
  @Autowired OrderFlow orderFlow;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void everyTypeIsPublishedAsACloudEventThatMatchesItsSchema() {
    String cursor = head();
    // an order is booked (customer created), breaches its booking SLA up to level 2, gets contacts and a follow-up,
    // the customer's status changes, and the order is cancelled
    JsonNode booked = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("ev-all-1", false, false)));
    long orderId = booked.get("orderId").asLong();
    String pi = booked.get("processInstanceId").asText();
    long customerId = jdbc.queryForObject("select customer_id from orders where id = ?", Long.class, orderId);
    for (String timer : List.of("BoundaryEvent_ConfirmBookingSlaWarning", "BoundaryEvent_ConfirmBookingSlaBreached",
        "BoundaryEvent_ConfirmBookingSlaEscalated")) {
      Job job = timer(pi, timer);
      ClockUtil.setCurrentTime(job.getDuedate());
      management.executeJob(job.getId());
    }
    ClockUtil.reset();
    long inboundId = post("anna", "/api/v1/crm/orders/" + orderId + "/touchpoints", Map.of("channel", "whatsapp",
        "direction", "inbound", "summary", "Any news?", "occurredAt", MONDAY_10_MSK.toString())).get("id").asLong();
    ResponseEntity<String> tagged = call("anna", HttpMethod.POST, "/api/v1/interactions/" + inboundId + "/tags",
        Map.of("tags", List.of("status-question", "whatsapp")));
    assertThat(tagged.getStatusCode()).as(tagged.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(call("anna", HttpMethod.POST, "/api/v1/interactions/" + inboundId + "/tags",
        Map.of("tags", List.of("whatsapp"))).getStatusCode()).as("a known tag again publishes nothing")
        .isEqualTo(HttpStatus.OK);
    assertThat(call("anna", HttpMethod.POST, "/api/v1/interactions/" + inboundId + "/tags",
        Map.of("tags", List.of("Not A Tag"))).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    post("anna", "/api/v1/crm/orders/" + orderId + "/touchpoints", Map.of("channel", "whatsapp",
        "direction", "outbound", "summary", "Soon", "occurredAt", MONDAY_10_MSK.plusMinutes(10).toString()));
    JsonNode followup = post("anna", "/api/v1/crm/orders/" + orderId + "/followups",
        Map.of("subject", "Call the seller", "dueAt", OffsetDateTime.now().plusDays(1).toString()));
    assertThat(call("anna", HttpMethod.PATCH, "/api/v1/crm/followups/" + followup.get("id").asLong() + "/complete",
        Map.of("outcome", "Called")).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(call("anna", HttpMethod.PATCH, "/api/v1/crm/customers/" + customerId, Map.of("status", "former"))
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/cancellation",
        Map.of("reason", "changed mind")).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    // a second order reaches its closing end event
    JsonNode other = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("ev-all-2", false, false)));
    runtime.createProcessInstanceModification(other.get("processInstanceId").asText())
        .cancelAllForActivity("Task_ConfirmBooking").startBeforeActivity("EndEvent_OrderClosed").execute();

    // a tension is raised on the order and triaged; a role is filled and the assignment ended
    long circle = jdbc.queryForObject("select min(id) from crm_holacracy_circles", Long.class);
    JsonNode tension = post("anna", "/api/v1/crm/holacracy/tensions", Map.of("kind", "operational",
        "title", "The seller never answers in time", "circleId", circle, "orderId", orderId));
    assertThat(call("galina", HttpMethod.PATCH, "/api/v1/crm/holacracy/tensions/" + tension.get("id").asLong(),
        Map.of("state", "triaged")).getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode assigned = post("galina", "/api/v1/crm/holacracy/roles/experts/assign", Map.of("userId", "anna"));
    assertThat(call("galina", HttpMethod.PATCH, "/api/v1/crm/holacracy/roles/experts/assignments/"
        + assigned.get("id").asLong() + "/end", Map.of("force", true)).getStatusCode()).isEqualTo(HttpStatus.OK);

    List<JsonNode> events = readAll(cursor);
    List<JsonNode> ofOrder = events.stream().filter(e -> e.get("subject").asText().equals("orders/" + orderId))
        .toList();
    assertThat(events.stream().filter(e -> e.get("subject").asText().equals("roles/experts"))
        .map(e -> e.get("type").asText())).containsExactly("crm.holacracy.role-assigned",
        "crm.holacracy.assignment-ended");
    assertThat(ofOrder.stream().map(e -> e.get("type").asText()).distinct()).contains("crm.order.booked",
        "crm.order.stage-changed", "crm.sla.warned", "crm.sla.breached", "crm.sla.escalated",
        "crm.interaction.created", "crm.interaction.tagged", "crm.interaction.reply-appended",
        "crm.followup.created", "crm.followup.completed", "crm.order.cancelled", "crm.holacracy.tension-raised",
        "crm.holacracy.tension-changed");
    assertThat(ofOrder.stream().filter(e -> e.get("type").asText().equals("crm.interaction.tagged")))
        .singleElement().satisfies(e -> assertThat(e.at("/data/addedTags")).hasSize(2));
    assertThat(ofOrder.get(0).get("type").asText()).as("booked comes first on its subject")
        .isEqualTo("crm.order.booked");
    assertThat(ofOrder.stream().map(e -> e.get("type").asText()).filter(t -> t.startsWith("crm.order.")).reduce(
        (first, second) -> second).orElseThrow()).isEqualTo("crm.order.cancelled");
    assertThat(events.stream().filter(e -> e.get("subject").asText().equals("customers/" + customerId))
        .map(e -> e.get("type").asText())).containsExactly("crm.customer.created", "crm.customer.status-changed");
    assertThat(events.stream().filter(e -> e.get("subject").asText().equals("orders/"
        + other.get("orderId").asLong())).map(e -> e.get("type").asText())).contains("crm.order.closed");
    JsonNode escalated = ofOrder.stream().filter(e -> e.get("type").asText().equals("crm.sla.escalated"))
        .findFirst().orElseThrow();
    assertThat(escalated.at("/data/level").asInt()).isEqualTo(2);
    assertThat(escalated.at("/data/clockOwner").asText()).isEqualTo("manager");

    // every event matches the envelope schema and its type's data schema, both served by the API
    JsonSchema envelope = schema("/api/v1/events/schemas/cloudevent");
    Map<String, JsonSchema> dataSchemas = new HashMap<>();
    for (JsonNode event : events) {
      assertThat(envelope.validate(event)).as("envelope of %s", event).isEmpty();
      String type = event.get("type").asText();
      JsonSchema data = dataSchemas.computeIfAbsent(type, t -> schema("/api/v1/events/schemas/" + t));
      assertThat(data.validate(event.get("data"))).as("data of %s", event).isEmpty();
      assertThat(event.get("specversion").asText()).isEqualTo("1.0");
      assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
    }
    assertThat(dataSchemas.keySet()).containsAll(List.of("crm.order.booked", "crm.order.stage-changed",
        "crm.order.closed", "crm.order.cancelled", "crm.sla.warned", "crm.sla.breached", "crm.sla.escalated",
        "crm.interaction.created", "crm.interaction.tagged", "crm.interaction.reply-appended", "crm.customer.created",
        "crm.customer.status-changed", "crm.followup.created", "crm.followup.completed",
        "crm.holacracy.tension-raised", "crm.holacracy.tension-changed", "crm.holacracy.role-assigned",
        "crm.holacracy.assignment-ended"));
    assertThat(read(call("galina", HttpMethod.GET, "/api/v1/events/schemas", null)))
        .extracting(JsonNode::asText).containsAll(dataSchemas.keySet());
    assertThat(call("galina", HttpMethod.GET, "/api/v1/events/schemas/crm.nothing.happened", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void nothingIsPublishedWhenTheChangeRollsBack() {
    String cursor = head();
    transaction.executeWithoutResult(status -> {
      orderFlow.book(new OrderFlow.NewOrder("ev-rollback-1", new Customers.Contact("Rolled Back",
          "ev-rollback-1@example.ru", null, "standard"), "Bike", "DE", new java.math.BigDecimal("100.00"), false,
          false));
      assertThat(jdbc.queryForObject("select count(*) from crm_event_outbox where event_type = 'crm.order.booked' "
          + "and data like '%ev-rollback-1%'", Long.class)).as("written in the transaction").isEqualTo(1);
      status.setRollbackOnly();
    });
    assertThat(jdbc.queryForObject("select count(*) from orders where external_id = 'ev-rollback-1'", Long.class))
        .isZero();
    assertThat(jdbc.queryForObject("select count(*) from crm_event_outbox where data like '%ev-rollback-1%'",
        Long.class)).isZero();
    assertThat(readAll(cursor)).noneMatch(e -> e.toString().contains("ev-rollback-1"));
  }

  @Test
  void theFeedResumesFromACursorAndFiltersByType() {
    String start = head();
    for (int i = 0; i < 3; i++) {
      call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("ev-cursor-" + i, false, false));
    }
    List<JsonNode> all = readAll(start);
    // page by page with limit 2: the same events in the same order, none twice
    List<String> paged = new ArrayList<>();
    String cursor = start;
    for (int guard = 0; guard < 1000; guard++) {
      JsonNode page = read(call("booking", HttpMethod.GET, "/api/v1/events?limit=2&after=" + cursor, null));
      if (page.get("events").isEmpty()) {
        assertThat(page.get("next").asText()).isEqualTo(cursor);
        break;
      }
      page.get("events").forEach(e -> paged.add(e.get("id").asText()));
      assertThat(Long.parseLong(page.get("next").asText())).isGreaterThan(Long.parseLong(cursor));
      cursor = page.get("next").asText();
    }
    assertThat(paged).containsExactlyElementsOf(all.stream().map(e -> e.get("id").asText()).toList());
    assertThat(paged).doesNotHaveDuplicates();
    JsonNode booked = read(call("booking", HttpMethod.GET, "/api/v1/events?type=crm.order.booked&after=" + start,
        null));
    assertThat(booked.get("events")).hasSize(3)
        .allSatisfy(e -> assertThat(e.get("type").asText()).isEqualTo("crm.order.booked"));
    // the cursor is the stored sequence: positions never move once given
    JsonNode first = all.get(0);
    assertThat(jdbc.queryForObject("select feed_position from crm_event_outbox where event_id = ?", Long.class,
        first.get("id").asText())).isEqualTo(first.get("sequence").asLong());

    assertThat(call("booking", HttpMethod.GET, "/api/v1/events?after=abc", null).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(call("booking", HttpMethod.GET, "/api/v1/events?type=crm.nothing", null).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(call("anna", HttpMethod.GET, "/api/v1/events", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  /** The cursor after everything published so far. */
  private String head() {
    String cursor = "0";
    while (true) {
      JsonNode page = read(call("galina", HttpMethod.GET, "/api/v1/events?limit=1000&after=" + cursor, null));
      if (page.get("events").isEmpty()) {
        return cursor;
      }
      cursor = page.get("next").asText();
    }
  }

  private List<JsonNode> readAll(String after) {
    List<JsonNode> events = new ArrayList<>();
    String cursor = after;
    while (true) {
      JsonNode page = read(call("galina", HttpMethod.GET, "/api/v1/events?limit=1000&after=" + cursor, null));
      if (page.get("events").isEmpty()) {
        return events;
      }
      page.get("events").forEach(events::add);
      cursor = page.get("next").asText();
    }
  }

  private JsonSchema schema(String path) {
    ResponseEntity<String> answer = call("galina", HttpMethod.GET, path, null);
    assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
    return SCHEMAS.getSchema(read(answer), STRICT);
  }

  private JsonNode post(String user, String path, Object body) {
    ResponseEntity<String> answer = call(user, HttpMethod.POST, path, body);
    assertThat(answer.getStatusCode()).as(path + ": " + answer.getBody()).isEqualTo(HttpStatus.CREATED);
    return read(answer);
  }
}
