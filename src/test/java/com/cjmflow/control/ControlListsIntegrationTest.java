package com.cjmflow.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
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

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/** The head of sales' lists against seeded orders: every filter, the sort, access and the views behind them. */
class ControlListsIntegrationTest extends ApiTestSupport {

  /** A past Monday, 10:00 in Moscow: inside the managers' business hours. */
  private static final OffsetDateTime MONDAY_10_MSK = OffsetDateTime.parse("2026-11-16T07:00:00Z");

  @Autowired RuntimeService runtime;
  @Autowired TestClock clock;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void ordersByStageSlaStateManagerCustomerAndStall() {
    // given two orders of one customer and one of another; the first breaches its booking SLA
    JsonNode first = book("ctl-o-1", "ctl-o-1");
    JsonNode second = book("ctl-o-2", "ctl-o-1");
    JsonNode other = book("ctl-o-3", "ctl-o-3");
    long customerId = customer(first);
    assertThat(customer(second)).isEqualTo(customerId);
    Job breach = slaTimer(first.get("processInstanceId").asText(), "BoundaryEvent_ConfirmBookingSlaBreached");
    ClockUtil.setCurrentTime(breach.getDuedate());
    management.executeJob(breach.getId());
    ClockUtil.reset();
    work("anna", second.get("processInstanceId").asText(), "Task_ConfirmBooking", Map.of("reserveRequired", false));
    jdbc.update("update orders set is_stalled = true, stall_reason = 'test' where id = ?", id(other));

    // when the head of sales lists the customer's orders
    JsonNode page = list("galina", "/api/v1/crm/orders?customerId=" + customerId + "&sort=id");
    assertThat(page.get("total").asLong()).isEqualTo(2);
    JsonNode row = page.at("/items/0");
    assertThat(row.get("orderId").asLong()).isEqualTo(id(first));
    assertThat(row.get("currentStage").asText()).isEqualTo("booked");
    assertThat(row.at("/sla/state").asText()).isEqualTo("breached");
    assertThat(row.at("/sla/escalationLevel").asInt()).isEqualTo(1);
    assertThat(row.at("/sla/clockOwner").asText()).isEqualTo("manager");
    assertThat(row.get("delayedParty").asText()).isEqualTo("manager");
    assertThat(OffsetDateTime.parse(row.at("/sla/dueAt").asText()).toInstant())
        .isEqualTo(breach.getDuedate().toInstant());
    assertThat(row.at("/sla/dueAt").asText()).as("ISO-8601 with offset").matches(".*(Z|[+-]\\d\\d:\\d\\d)$");
    assertThat(row.get("openTaskCount").asLong()).isEqualTo(1);
    assertThat(row.at("/openTasks/0/name").asText()).startsWith("Подтвердить бронирование");
    assertThat(page.at("/items/1/orderId").asLong()).isEqualTo(id(second));
    assertThat(page.at("/items/1/sla/state").asText()).isEqualTo("on_time");
    assertThat(page.at("/items/1/managerId").asText()).isEqualTo("anna");

    // then every filter narrows it
    String base = "/api/v1/crm/orders?customerId=" + customerId;
    assertThat(ids(list("galina", base + "&sort=-id"))).containsExactly(id(second), id(first));
    assertThat(ids(list("galina", base + "&breached=true"))).containsExactly(id(first));
    assertThat(ids(list("galina", base + "&breached=false"))).containsExactly(id(second));
    assertThat(ids(list("galina", base + "&delayedParty=manager"))).containsExactly(id(first));
    assertThat(ids(list("galina", base + "&delayedParty=client"))).isEmpty();
    assertThat(ids(list("galina", base + "&stage=booked"))).containsExactly(id(first));
    assertThat(ids(list("galina", base + "&status=booked"))).containsExactly(id(first));
    assertThat(ids(list("galina", base + "&managerId=anna"))).containsExactly(id(second));
    assertThat(ids(list("galina", base + "&from=" + OffsetDateTime.now().plusDays(1)))).isEmpty();
    assertThat(ids(list("galina", base + "&to=" + OffsetDateTime.now().plusDays(1) + "&from="
        + OffsetDateTime.now().minusDays(1)))).hasSize(2);
    assertThat(ids(list("galina", "/api/v1/crm/orders?stalled=true&customerId=" + customer(other))))
        .containsExactly(id(other));
    assertThat(ids(list("galina", base + "&stalled=true"))).isEmpty();
    assertThat(ids(list("galina", base + "&size=1&page=1&sort=id"))).containsExactly(id(second));

    // and the view gives analysts the same answer
    assertThat(jdbc.queryForObject("select count(*) from crm_order_control_v where customer_id = ? "
        + "and is_sla_breached", Long.class, customerId)).isEqualTo(1);

    // a manager reads only their own orders; the booking system reads none; bad parameters are 400
    assertThat(ids(list("anna", base))).containsExactly(id(second));
    assertThat(call("anna", HttpMethod.GET, base + "&managerId=boris", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("booking", HttpMethod.GET, base, null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("galina", HttpMethod.GET, base + "&sort=price", null).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(call("galina", HttpMethod.GET, base + "&from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", null)
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(call("galina", HttpMethod.GET, base + "&breached=maybe", null).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    // the booking endpoint on the same path still books
    assertThat(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("ctl-o-1", false, false))
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void activityOfManagersIntegrationsAndTheSystem() throws Exception {
    JsonNode order = book("ctl-a-1", "ctl-a-1");
    long orderId = id(order);
    work("anna", order.get("processInstanceId").asText(), "Task_ConfirmBooking", Map.of("reserveRequired", true));
    // the booking system confirms the reserve payment over the API: an integration, not a manager
    ResponseEntity<String> paid = call("booking", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/payments",
        Map.of("kind", "reserve", "amount", 300, "currency", "EUR", "paidAt", OffsetDateTime.now().minusMinutes(1)
            .toString(), "reference", "CTL-A-1"));
    assertThat(paid.getStatusCode()).as(paid.getBody()).isEqualTo(HttpStatus.CREATED);

    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/followups", Map.of("subject",
        "Call back", "dueAt", OffsetDateTime.now().plusDays(1).toString())).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    String base = "/api/v1/crm/activity?orderId=" + orderId;
    assertThat(list("galina", base + "&kind=followup_created&managerId=anna").get("total").asLong()).isEqualTo(1);
    JsonNode all = list("galina", base);
    assertThat(all.get("total").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(all.at("/items/0/occurredAt").asText()).matches(".*(Z|[+-]\\d\\d:\\d\\d)$");
    JsonNode claims = list("galina", base + "&managerId=anna&kind=claim");
    assertThat(claims.get("total").asLong()).isEqualTo(1);
    assertThat(claims.at("/items/0/actorKind").asText()).isEqualTo("manager");
    JsonNode completions = list("galina", base + "&kind=complete&managerId=anna");
    assertThat(completions.get("total").asLong()).isEqualTo(1);
    // a completion carries the decision submitted with it (the form's values)
    assertThat(completions.at("/items/0/property").asText()).isEqualTo("decision");
    assertThat(json.readTree(completions.at("/items/0/afterValue").asText()).get("reserveRequired").asBoolean())
        .isTrue();
    JsonNode integration = list("galina", base + "&actorKind=integration");
    assertThat(integration.get("total").asLong()).isGreaterThanOrEqualTo(1);
    integration.get("items").forEach(item -> assertThat(item.get("actorId").asText()).isEqualTo("booking"));
    assertThat(list("galina", base + "&actorKind=manager&managerId=booking").get("total").asLong()).isZero();
    assertThat(list("galina", base + "&from=" + OffsetDateTime.now().plusHours(1)).get("total").asLong()).isZero();
    assertThat(list("galina", base + "&to=" + OffsetDateTime.now().minusDays(1)).get("total").asLong()).isZero();
    assertThat(jdbc.queryForObject("select count(*) from crm_manager_activity_v where order_id = ?", Long.class,
        orderId)).isEqualTo(all.get("total").asLong());
    // anna reads her own actions only
    assertThat(list("anna", base).get("items")).allSatisfy(item ->
        assertThat(item.get("actorId").asText()).isEqualTo("anna"));
    assertThat(call("anna", HttpMethod.GET, base + "&managerId=galina", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("galina", HttpMethod.GET, base + "&actorKind=robot", null).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void breachesOfStagesAndReplyWindowsInOneList() {
    JsonNode order = book("ctl-b-1", "ctl-b-1");
    long orderId = id(order);
    String pi = order.get("processInstanceId").asText();
    OffsetDateTime before = OffsetDateTime.now().minusYears(1);
    // a stage breach escalated to level 2
    Job breach = slaTimer(pi, "BoundaryEvent_ConfirmBookingSlaBreached");
    ClockUtil.setCurrentTime(breach.getDuedate());
    management.executeJob(breach.getId());
    Job escalation = slaTimer(pi, "BoundaryEvent_ConfirmBookingSlaEscalated");
    ClockUtil.setCurrentTime(escalation.getDuedate());
    management.executeJob(escalation.getId());
    ClockUtil.reset();
    // a reply window left unanswered
    ResponseEntity<String> inbound = call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/touchpoints",
        Map.of("channel", "whatsapp", "direction", "inbound", "subject", "Bike", "summary", "Any news?",
            "occurredAt", MONDAY_10_MSK.toString()));
    assertThat(inbound.getStatusCode()).as(inbound.getBody()).isEqualTo(HttpStatus.CREATED);
    long touchpointId = read(inbound).get("id").asLong();
    Job window = management.createJobQuery().processInstanceId(runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey("touchpoint-" + touchpointId).singleResult().getId()).timers().singleResult();
    ClockUtil.setCurrentTime(window.getDuedate());
    management.executeJob(window.getId());
    ClockUtil.reset();

    String base = "/api/v1/crm/sla/breaches?from=" + before;
    // how late an open breach is: measured against the service clock, an hour past the due date
    java.time.Duration toDue = java.time.Duration.between(clock.instant(), breach.getDuedate().toInstant());
    clock.advance(toDue.plusHours(1));
    JsonNode stage;
    try {
      stage = only(list("galina", base + "&kind=stage&stage=booked&open=true"), "stage:", orderId);
    } finally {
      clock.advance(toDue.plusHours(1).negated());
    }
    assertThat(stage.get("party").asText()).isEqualTo("manager");
    assertThat(stage.get("escalationLevel").asInt()).isEqualTo(2);
    assertThat(stage.get("lateSeconds").asLong()).isBetween(3590L, 3700L);
    assertThat(OffsetDateTime.parse(stage.get("dueAt").asText()).toInstant())
        .isEqualTo(breach.getDuedate().toInstant());
    JsonNode reply = only(list("galina", base + "&kind=reply_window"), "reply_window:", orderId);
    assertThat(reply.get("refId").asLong()).isEqualTo(touchpointId);
    assertThat(reply.get("open").asBoolean()).isTrue();

    JsonNode both = list("galina", base + "&party=manager&open=true&size=500");
    assertThat(both.get("items").findValues("orderId").stream().filter(v -> v.asLong() == orderId).count())
        .isEqualTo(2);
    assertThat(list("galina", base + "&party=seller").get("items").findValues("orderId"))
        .noneMatch(v -> v.asLong() == orderId);
    assertThat(list("galina", base + "&open=false").get("items").findValues("orderId"))
        .noneMatch(v -> v.asLong() == orderId);
    // a day after this order's last breach (its escalation: on a weekend, business time puts it days ahead)
    OffsetDateTime afterLast = escalation.getDuedate().toInstant().plus(java.time.Duration.ofDays(1))
        .atOffset(java.time.ZoneOffset.UTC);
    assertThat(list("galina", "/api/v1/crm/sla/breaches?size=500&from=" + afterLast)
        .get("items").findValues("orderId")).noneMatch(v -> v.asLong() == orderId);
    assertThat(jdbc.queryForObject("select count(*) from crm_sla_breaches_v where order_id = ?", Long.class,
        orderId)).isEqualTo(2);

    // the reply closes the window: resolved, lateness frozen at the reply
    call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/touchpoints", Map.of("channel", "whatsapp",
        "direction", "outbound", "subject", "Bike", "summary", "Here", "occurredAt",
        MONDAY_10_MSK.plusHours(3).toString()));
    JsonNode closed = only(list("galina", base + "&kind=reply_window&open=false"), "reply_window:", orderId);
    assertThat(closed.get("lateSeconds").asLong()).isEqualTo(3600);
    assertThat(list("anna", "/api/v1/crm/sla/breaches?kind=reply_window").get("items"))
        .allSatisfy(item -> assertThat(item.get("managerId").asText()).isEqualTo("anna"));
    assertThat(call("galina", HttpMethod.GET, base + "&kind=ticket", null).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void interactionsTimelinePerOrderAndPerManager() {
    JsonNode order = book("ctl-i-1", "ctl-i-1");
    long orderId = id(order);
    call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/touchpoints", Map.of("channel", "phone",
        "direction", "outbound", "managerId", "anna", "subject", "Call", "summary", "Called",
        "occurredAt", MONDAY_10_MSK.toString()));
    call("boris", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/touchpoints", Map.of("channel", "email",
        "direction", "outbound", "managerId", "boris", "subject", "Mail", "summary", "Wrote",
        "occurredAt", MONDAY_10_MSK.plusMinutes(5).toString()));
    assertThat(list("galina", "/api/v1/interactions?order_id=" + orderId).get("total").asLong()).isEqualTo(2);
    JsonNode anna = list("galina", "/api/v1/interactions?order_id=" + orderId + "&manager_id=anna");
    assertThat(anna.get("total").asLong()).isEqualTo(1);
    assertThat(anna.at("/items/0/agent").asText()).isEqualTo("anna");
  }

  private static JsonNode only(JsonNode page, String prefix, long orderId) {
    var matches = new java.util.ArrayList<JsonNode>();
    page.get("items").forEach(item -> {
      if (item.get("orderId").asLong() == orderId && item.get("breachId").asText().startsWith(prefix)) {
        matches.add(item);
      }
    });
    assertThat(matches).as("%s of order %d in %s", prefix, orderId, page).hasSize(1);
    return matches.get(0);
  }

  private JsonNode book(String externalId, String emailName) {
    Map<String, Object> booking = new java.util.HashMap<>(booking(externalId, false, false));
    booking.put("customer", Map.of("name", "Control Client", "email", emailName + "@example.ru"));
    ResponseEntity<String> answer = call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking);
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.CREATED);
    return read(answer);
  }

  private long customer(JsonNode booked) {
    return jdbc.queryForObject("select customer_id from orders where id = ?", Long.class, id(booked));
  }

  private static long id(JsonNode booked) {
    return booked.get("orderId").asLong();
  }

  private JsonNode list(String user, String path) {
    ResponseEntity<String> answer = call(user, HttpMethod.GET, path, null);
    assertThat(answer.getStatusCode()).as(path + ": " + answer.getBody()).isEqualTo(HttpStatus.OK);
    return read(answer);
  }

  private static java.util.List<Long> ids(JsonNode page) {
    return page.get("items").findValues("orderId").stream().map(JsonNode::asLong).toList();
  }
}
