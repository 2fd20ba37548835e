package com.cjmflow.interactions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/** POST/GET /api/v1/interactions: schema-validated events stored once as touchpoints, and the timeline. */
class InteractionIntegrationTest extends ApiTestSupport {

  private static final String API = "/api/v1/interactions";

  @Autowired InteractionCreatedProbe created;

  @Test
  void schemaIsServedAtAStableUrl() {
    ResponseEntity<String> answer = call("anna", HttpMethod.GET, API + "/schema", null);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.parseMediaType("application/schema+json"));
    JsonNode schema = read(answer);
    assertThat(schema.get("$id").asText()).isEqualTo("urn:cjm:schema:interaction-event:1");
    assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
    assertThat(schema.at("/properties/channel/enum").toString())
        .isEqualTo("[\"phone\",\"email\",\"whatsapp\",\"telegram\",\"vk\",\"web\",\"other\"]");
  }

  @Test
  void inboundAndOutboundAreStoredAndListedInTheTimeline() {
    // given a customer with an order
    long[] order = bookedOrder();
    long customerId = order[1];
    String ref = unique();

    // when the client writes on WhatsApp and the manager answers by e-mail
    Map<String, Object> inbound = event(customerId, "whatsapp", "inbound", "2025-03-01T09:00:00+03:00",
        "whatsapp:wamid." + ref);
    inbound.put("orderId", order[0]);
    inbound.put("subject", "Is the frame size M?");
    inbound.put("body", "Hello, is the frame size M? Thanks");
    ResponseEntity<String> in = call("booking", HttpMethod.POST, API, inbound);
    Map<String, Object> outbound = event(customerId, "email", "outbound", "2025-03-01T08:30:00Z", "mail:" + ref);
    outbound.put("orderId", order[0]);
    outbound.put("agent", "anna");
    outbound.put("body", "Yes, it is an M.");
    ResponseEntity<String> out = call("anna", HttpMethod.POST, API, outbound);

    // then both are stored as touchpoints of source 'interaction', answered 201 with their location
    assertThat(in.getStatusCode()).as(in.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(out.getStatusCode()).as(out.getBody()).isEqualTo(HttpStatus.CREATED);
    JsonNode first = read(in);
    long inboundId = first.get("id").asLong();
    long outboundId = read(out).get("id").asLong();
    assertThat(in.getHeaders().getLocation()).hasToString(API + "/" + inboundId);
    assertThat(out.getHeaders().getLocation()).hasToString(API + "/" + outboundId);
    assertThat(first.get("customerId").asLong()).isEqualTo(customerId);
    assertThat(first.get("orderId").asLong()).isEqualTo(order[0]);
    assertThat(first.get("channel").asText()).isEqualTo("whatsapp");
    assertThat(first.get("direction").asText()).isEqualTo("inbound");
    assertThat(first.get("subject").asText()).isEqualTo("Is the frame size M?");
    assertThat(first.get("body").asText()).isEqualTo("Hello, is the frame size M? Thanks");
    assertThat(instant(first.get("occurredAt"))).isEqualTo(OffsetDateTime.parse("2025-03-01T06:00:00Z"));
    assertThat(first.get("externalReference").asText()).isEqualTo("whatsapp:wamid." + ref);
    assertThat(first.get("agent").isNull()).isTrue();
    assertThat(first.get("responseDueAt").isNull()).as("the reply window is open").isFalse();
    assertThat(first.get("slaBreached").asBoolean()).isFalse();
    assertThat(jdbc.queryForList("select source from crm_touchpoints where customer_id = ?", String.class,
        customerId)).containsExactly("interaction", "interaction");
    assertThat(created.forCustomer(customerId)).containsExactlyInAnyOrder(
        new InteractionCreated(inboundId, customerId, order[0], "whatsapp", "inbound"),
        new InteractionCreated(outboundId, customerId, order[0], "email", "outbound"));

    // and the answer closed the inbound reply window
    JsonNode reread = read(call("anna", HttpMethod.GET, API + "/" + inboundId, null));
    assertThat(instant(reread.get("respondedAt"))).isEqualTo(OffsetDateTime.parse("2025-03-01T08:30:00Z"));
    JsonNode answer = read(call("anna", HttpMethod.GET, API + "/" + outboundId, null));
    assertThat(answer.get("agent").asText()).isEqualTo("anna");
    assertThat(answer.get("body").asText()).isEqualTo("Yes, it is an M.");

    // and the timeline lists them newest first, filtered and paged
    String customer = API + "?customer_id=" + customerId;
    assertThat(ids(customer)).containsExactly(outboundId, inboundId);
    assertThat(read(call("anna", HttpMethod.GET, customer, null)).get("total").asLong()).isEqualTo(2);
    assertThat(ids(customer + "&channel=whatsapp")).containsExactly(inboundId);
    assertThat(ids(customer + "&channel=vk")).isEmpty();
    assertThat(ids(customer + "&from=2025-03-01T07:00:00Z")).containsExactly(outboundId);
    assertThat(ids(customer + "&to=2025-03-01T08:30:00Z")).as("to is exclusive").containsExactly(inboundId);
    assertThat(ids(customer + "&from=2025-03-01T06:00:00Z&to=2025-03-01T08:30:01Z"))
        .containsExactly(outboundId, inboundId);
    JsonNode secondPage = read(call("anna", HttpMethod.GET, customer + "&page=1&size=1", null));
    assertThat(secondPage.get("page").asInt()).isEqualTo(1);
    assertThat(secondPage.get("size").asInt()).isEqualTo(1);
    assertThat(secondPage.get("total").asLong()).isEqualTo(2);
    assertThat(secondPage.get("items")).hasSize(1);
    assertThat(secondPage.at("/items/0/id").asLong()).isEqualTo(inboundId);
    JsonNode defaults = read(call("anna", HttpMethod.GET, customer, null));
    assertThat(defaults.get("page").asInt()).isZero();
    assertThat(defaults.get("size").asInt()).isEqualTo(20);
  }

  @Test
  void theSameExternalReferenceIsStoredOnce() {
    long customerId = customer();
    Map<String, Object> body = event(customerId, "telegram", "outbound", "2025-04-02T12:00:00+02:00",
        "telegram:" + unique());
    body.put("agent", "boris");

    ResponseEntity<String> first = call("booking", HttpMethod.POST, API, body);
    ResponseEntity<String> second = call("booking", HttpMethod.POST, API, body);

    assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(second.getStatusCode()).as(second.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(read(second).get("id").asLong()).isEqualTo(read(first).get("id").asLong());
    assertThat(jdbc.queryForObject("select count(*) from crm_touchpoints where external_reference = ?", Long.class,
        body.get("externalReference"))).isEqualTo(1);
    assertThat(jdbc.queryForObject("select outbound_contacts from customers where id = ?", Integer.class,
        customerId)).isEqualTo(1);
    assertThat(created.forCustomer(customerId)).hasSize(1);
  }

  @Test
  void schemaViolationsAreListedAndWriteNothing() {
    long customerId = customer();
    long touchpoints = count("crm_touchpoints");
    Map<String, String> cases = new HashMap<>();
    cases.put("$: required property 'customerId' not found", without(event(customerId, "phone", "inbound",
        "2025-05-01T10:00:00Z", unique()), "customerId"));
    cases.put("$.channel: does not have a value in the enumeration", with(customerId, "channel", "fax"));
    cases.put("$.direction: does not have a value in the enumeration", with(customerId, "direction", "in"));
    cases.put("$.occurredAt: does not match the date-time pattern", with(customerId, "occurredAt",
        "2025-13-01T10:00:00Z"));
    cases.put("$.occurredAt: does not match the regex pattern", with(customerId, "occurredAt", "2025-05-01T10:00:00"));
    cases.put("$.occurredAt: must be a date-time with an offset", with(customerId, "occurredAt",
        "2016-12-31T23:59:60Z"));
    cases.put("$: property 'priority' is not defined in the schema", with(customerId, "priority", "high"));
    cases.put("$.customerId: string found, integer expected", with(customerId, "customerId", "1"));
    cases.put("$.orderId: number found, integer expected", with(customerId, "orderId", 1.5));
    cases.put("$.customerId: must be a whole number within 64 bits", with(customerId, "customerId", 1e30));
    cases.put("$.subject: must be at most 300 characters long", with(customerId, "subject", "x".repeat(301)));
    cases.put("$.externalReference: does not match the regex pattern", with(customerId, "externalReference", " "));
    cases.put("$: null found, object expected", "null");

    cases.forEach((expected, body) -> {
      ResponseEntity<String> answer = call("booking", HttpMethod.POST, API, body);
      assertThat(answer.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
      JsonNode problem = read(answer);
      assertThat(problem.get("type").asText()).isEqualTo("urn:cjm:problem:schema-violation");
      List<String> errors = new ArrayList<>();
      problem.get("errors").forEach(error -> errors.add(error.asText()));
      assertThat(errors).as(body).anyMatch(error -> error.startsWith(expected));
    });
    ResponseEntity<String> malformed = call("booking", HttpMethod.POST, API, "{not json");
    assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(malformed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

    assertThat(count("crm_touchpoints")).isEqualTo(touchpoints);
    assertThat(created.forCustomer(customerId)).isEmpty();
  }

  @Test
  void unknownCustomersForeignOrdersAndFutureContactsAreRuleViolations() {
    long[] order = bookedOrder();
    long otherCustomer = customer();
    long touchpoints = count("crm_touchpoints");

    ResponseEntity<String> unknownCustomer = call("booking", HttpMethod.POST, API,
        event(999_999_999L, "email", "inbound", "2025-05-01T10:00:00Z", unique()));
    Map<String, Object> foreignOrder = event(otherCustomer, "email", "inbound", "2025-05-01T10:00:00Z", unique());
    foreignOrder.put("orderId", order[0]);
    ResponseEntity<String> foreign = call("booking", HttpMethod.POST, API, foreignOrder);
    Map<String, Object> missingOrder = event(order[1], "email", "inbound", "2025-05-01T10:00:00Z", unique());
    missingOrder.put("orderId", 999_999_999L);
    ResponseEntity<String> missing = call("booking", HttpMethod.POST, API, missingOrder);
    ResponseEntity<String> future = call("booking", HttpMethod.POST, API,
        event(otherCustomer, "email", "inbound", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now().plusDays(1)), unique()));

    for (ResponseEntity<String> answer : List.of(unknownCustomer, foreign, missing, future)) {
      assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
      assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
      assertThat(read(answer).get("type").asText()).isEqualTo("urn:cjm:problem:rule-violation");
    }
    assertThat(read(unknownCustomer).get("detail").asText()).isEqualTo("customer 999999999 does not exist");
    assertThat(read(foreign).get("detail").asText()).contains("belongs to another customer");
    assertThat(count("crm_touchpoints")).isEqualTo(touchpoints);
    assertThat(created.forCustomer(otherCustomer)).isEmpty();
    assertThat(created.forCustomer(order[1])).isEmpty();
  }

  @Test
  void unknownInteractionsAnswer404() {
    ResponseEntity<String> answer = call("anna", HttpMethod.GET, API + "/999999999", null);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(read(answer).get("type").asText()).isEqualTo("urn:cjm:problem:not-found");
  }

  @Test
  void invalidTimelineParametersAnswer400() {
    for (String query : List.of("customer_id=abc", "customer_id=0", "channel=fax", "from=yesterday",
        "from=2025-05-01T10:00:00", "to=2025-05-01", "from=2025-05-02T00:00:00Z&to=2025-05-01T00:00:00Z",
        "page=-1", "size=0", "size=201")) {
      ResponseEntity<String> answer = call("anna", HttpMethod.GET, API + "?" + query, null);
      assertThat(answer.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getHeaders().getContentType()).as(query).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }
  }

  private List<Long> ids(String path) {
    ResponseEntity<String> answer = call("anna", HttpMethod.GET, path, null);
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
    List<Long> ids = new ArrayList<>();
    read(answer).get("items").forEach(item -> ids.add(item.get("id").asLong()));
    return ids;
  }

  /** Books an order through the API: {orderId, customerId}. */
  private long[] bookedOrder() {
    String externalId = "int-" + unique();
    ResponseEntity<String> booked = call("booking", HttpMethod.POST, "/api/v1/crm/orders",
        booking(externalId, false, false));
    assertThat(booked.getStatusCode()).as(booked.getBody()).isEqualTo(HttpStatus.CREATED);
    long orderId = read(booked).get("orderId").asLong();
    return new long[] {orderId,
        jdbc.queryForObject("select customer_id from orders where id = ?", Long.class, orderId)};
  }

  private long customer() {
    String email = unique() + "@example.ru";
    jdbc.update("insert into customers (display_name, email, created_at, updated_at) "
        + "values ('Olga Sidorova', ?, current_timestamp, current_timestamp)", email);
    return jdbc.queryForObject("select id from customers where email = ?", Long.class, email);
  }

  private static Map<String, Object> event(long customerId, String channel, String direction, String occurredAt,
      String externalReference) {
    Map<String, Object> event = new HashMap<>();
    event.put("customerId", customerId);
    event.put("channel", channel);
    event.put("direction", direction);
    event.put("occurredAt", occurredAt);
    event.put("externalReference", externalReference);
    return event;
  }

  private String with(long customerId, String field, Object value) {
    Map<String, Object> event = event(customerId, "phone", "inbound", "2025-05-01T10:00:00Z", unique());
    event.put(field, value);
    return write(event);
  }

  private String without(Map<String, Object> event, String field) {
    event.remove(field);
    return write(event);
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static OffsetDateTime instant(JsonNode value) {
    return OffsetDateTime.parse(value.asText()).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static String unique() {
    return UUID.randomUUID().toString();
  }
}
