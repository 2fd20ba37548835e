package com.cjmflow.touchpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/** Touchpoints: contact aggregates in the same transaction, reply windows breached or answered in time. */
class TouchpointIntegrationTest extends ApiTestSupport {

  @Autowired RuntimeService runtime;
  @Autowired com.cjmflow.platform.DisplayNames names;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** A past Monday, 10:00 in Moscow: inside the managers' business hours. */
  private static final OffsetDateTime MONDAY_10_MSK = OffsetDateTime.parse("2026-11-16T07:00:00Z");

  @Test
  void inboundLeftUnansweredPastItsWindowIsBreached() {
    long orderId = book("web-tp-1");
    OffsetDateTime occurred = MONDAY_10_MSK;

    JsonNode inbound = record("anna", orderId, "whatsapp", "inbound", occurred);
    assertThat(OffsetDateTime.parse(inbound.get("responseDueAt").asText()).toInstant())
        .as("whatsapp, standard tier: PT2H").isEqualTo(occurred.plusHours(2).toInstant());

    Job timer = management.createJobQuery().processInstanceId(windowProcess(inbound)).timers().singleResult();
    assertThat(timer.getDuedate().toInstant()).isEqualTo(occurred.plusHours(2).toInstant());
    ClockUtil.setCurrentTime(timer.getDuedate());
    management.executeJob(timer.getId());

    Map<String, Object> row = jdbc.queryForMap("select is_sla_breached, responded_at from crm_touchpoints where id = ?",
        inbound.get("id").asLong());
    assertThat(row.get("is_sla_breached")).isEqualTo(true);
    assertThat(row.get("responded_at")).isNull();
    assertThat(jdbc.queryForList("select event_type from crm_journey_events where order_id = ?", String.class,
        orderId)).contains("reply_window_breached");
    assertThat(jdbc.queryForObject("select count(*) from crm_notifications where kind = 'reply_window_breach' "
        + "and order_id = ?", Long.class, orderId)).isEqualTo(1);
    // times in the readers' zone with the zone named, the order and the channel by their names
    assertThat(jdbc.queryForObject("select body from crm_notifications where kind = 'reply_window_breach' and "
        + "order_id = ?", String.class, orderId)).contains(names.dateTime(occurred.toInstant()),
        names.dateTime(timer.getDuedate().toInstant()), names.order(orderId), names.channel("whatsapp"))
        .doesNotContain(occurred.toInstant().toString().substring(0, 16));
  }

  @Test
  void inboundAnsweredInTimeIsNotBreached() {
    long orderId = book("web-tp-2");
    OffsetDateTime occurred = MONDAY_10_MSK;
    JsonNode inbound = record("anna", orderId, "phone", "inbound", occurred);

    JsonNode reply = record("anna", orderId, "phone", "outbound", occurred.plusMinutes(20));

    Map<String, Object> row = jdbc.queryForMap(
        "select is_sla_breached, reply_touchpoint_id from crm_touchpoints where id = ?", inbound.get("id").asLong());
    assertThat(row.get("is_sla_breached")).isEqualTo(false);
    assertThat(((Number) row.get("reply_touchpoint_id")).longValue()).isEqualTo(reply.get("id").asLong());
    assertThat(runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey("touchpoint-" + inbound.get("id").asLong()).count()).isZero();
  }

  @Test
  void aggregatesAndManagerActivityFollowEveryTouchpoint() {
    long orderId = book("web-tp-3");
    long customerId = jdbc.queryForObject("select customer_id from orders where id = ?", Long.class, orderId);
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).withNano(0);

    record("boris", orderId, "telegram", "outbound", at);
    record("boris", orderId, "telegram", "inbound", at.plusMinutes(5));
    record("boris", orderId, "email", "outbound", at.plusMinutes(10));

    Map<String, Object> customer = jdbc.queryForMap("select * from customers where id = ?", customerId);
    assertThat(customer.get("inbound_contacts")).isEqualTo(1);
    assertThat(customer.get("outbound_contacts")).isEqualTo(2);
    assertThat(customer.get("last_contact_channel")).isEqualTo("email");
    Map<String, Object> order = jdbc.queryForMap("select * from orders where id = ?", orderId);
    assertThat(order.get("manager_contacts")).isEqualTo(2);
    assertThat(order.get("client_contacts")).isEqualTo(1);
    assertThat(jdbc.queryForObject("select last_manager_contact_at from orders where id = ?", OffsetDateTime.class,
        orderId).toInstant()).isEqualTo(at.plusMinutes(10).toInstant());
    assertThat(jdbc.queryForObject("select count(*) from manager_activity_events where order_id = ? and "
        + "action = 'touchpoint' and manager_id = 'boris'", Long.class, orderId)).isEqualTo(2);
    JsonNode page = read(call("anna", HttpMethod.GET, "/api/v1/crm/orders/" + orderId + "/touchpoints?size=2", null));
    assertThat(page.get("total").asLong()).isEqualTo(3);
    assertThat(page.get("items")).hasSize(2);
    assertThat(page.at("/items/0/channel").asText()).isEqualTo("email");
  }

  @Test
  void invalidTouchpointsAreRefusedAndWriteNothing() {
    long orderId = book("web-tp-4");
    long before = count("crm_touchpoints");
    String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
    for (Map<String, Object> body : new Map[] {
        Map.of("channel", "pigeon", "direction", "inbound", "summary", "x", "occurredAt", now),
        Map.of("channel", "phone", "direction", "sideways", "summary", "x", "occurredAt", now),
        Map.of("channel", "phone", "direction", "inbound", "occurredAt", now),
        Map.of("channel", "phone", "direction", "inbound", "summary", "x", "occurredAt", "yesterday")}) {
      ResponseEntity<String> answer = call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/touchpoints",
          body);
      assertThat(answer.getStatusCode()).as(body.toString()).isEqualTo(HttpStatus.BAD_REQUEST);
    }
    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/touchpoints", Map.of("channel",
        "phone", "direction", "inbound", "summary", "x", "occurredAt", OffsetDateTime.now().plusDays(1).toString()))
        .getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(count("crm_touchpoints")).isEqualTo(before);
    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/orders/999999/touchpoints", Map.of("channel", "phone",
        "direction", "inbound", "summary", "x", "occurredAt", now)).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  private String windowProcess(JsonNode touchpoint) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey("touchpoint-" + touchpoint.get("id").asLong())
        .singleResult().getId();
  }

  private long book(String externalId) {
    return read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking(externalId, false, false)))
        .get("orderId").asLong();
  }

  private JsonNode record(String user, long orderId, String channel, String direction, OffsetDateTime at) {
    ResponseEntity<String> answer = call(user, HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/touchpoints",
        Map.of("channel", channel, "direction", direction, "subject", "Bike", "summary", "About the bike",
            "occurredAt", at.toString()));
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.CREATED);
    return read(answer);
  }
}
