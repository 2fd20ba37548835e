package com.cjmflow.holacracy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.cjmflow.stage.StageEvents;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 12: tensions raised by members and by the service (once per cause, not again on a rerun), parking sessions
 * that complete and move their tensions, and the two views against the data.
 */
class HolacracyTensionsIntegrationTest extends ApiTestSupport {

  @Autowired IdentityService identity;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired HolacracyWatch watch;
  @Autowired ApplicationEventPublisher events;

  @Test
  void anyoneRaisesATensionAndOnlyItsPeopleMoveIt() {
    long sales = roleId("sales-managers");
    ResponseEntity<String> raised = call("booking", HttpMethod.POST, "/api/v1/crm/holacracy/tensions",
        Map.of("kind", "operational", "title", "Payment events arrive twice", "roleId", sales));
    assertThat(raised.getStatusCode()).as(raised.getBody()).isEqualTo(HttpStatus.CREATED);
    JsonNode tension = read(raised);
    assertThat(tension.get("state").asText()).isEqualTo("open");
    assertThat(tension.get("circleKey").asText()).isEqualTo("sales");
    String path = "/api/v1/crm/holacracy/tensions/" + tension.get("id").asLong();

    assertThat(call("egor", HttpMethod.PATCH, path, Map.of("state", "triaged")).getStatusCode())
        .as("an expert is neither its raiser, nor in its role, nor lead link").isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> triaged = call("anna", HttpMethod.PATCH, path, Map.of("state", "triaged",
        "note", "seen twice this week"));
    assertThat(triaged.getStatusCode()).as(triaged.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(call("anna", HttpMethod.PATCH, path, Map.of("state", "parked")).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(call("galina", HttpMethod.PATCH, path, Map.of("state", "resolved")).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    JsonNode events = read(call("anna", HttpMethod.GET, path, null)).get("events");
    assertThat(events).hasSize(3);
    assertThat(events.get(1).get("fromState").asText()).isEqualTo("open");
    assertThat(events.get(1).get("toState").asText()).isEqualTo("triaged");
    assertThat(events.get(1).get("actor").asText()).isEqualTo("anna");
    assertThat(events.get(1).get("note").asText()).isEqualTo("seen twice this week");

    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/holacracy/tensions", Map.of("kind", "operational",
        "title", "no circle")).getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(call("anna", HttpMethod.PATCH, "/api/v1/crm/holacracy/tensions/999999999", Map.of("state",
        "triaged")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(read(call("anna", HttpMethod.GET, "/api/v1/crm/holacracy/tensions?roleId=" + sales
        + "&state=resolved&kind=operational", null)).get("items").toString()).contains("Payment events arrive twice");
  }

  @Test
  void aParkingSessionCompletesAndMovesItsTensions() {
    long circle = circleId("sales");
    long first = raise("anna", circle, "Who calls back VIP clients?");
    long second = raise("anna", circle, "Refund approvals take long");
    ResponseEntity<String> parked = call("anna", HttpMethod.POST, "/api/v1/crm/holacracy/parking", Map.of(
        "circleId", circle, "meetingKind", "tactical", "meetingDate", "2026-12-07", "facilitator", "galina",
        "tensionIds", List.of(first, second)));
    assertThat(parked.getStatusCode()).as(parked.getBody()).isEqualTo(HttpStatus.CREATED);
    long parking = read(parked).get("id").asLong();
    assertThat(state(first)).isEqualTo("parked");
    assertThat(read(parked).get("topic").asText()).isEqualTo("Who calls back VIP clients?");
    assertThat(call("anna", HttpMethod.PATCH, "/api/v1/crm/holacracy/tensions/" + first, Map.of("state",
        "resolved")).getStatusCode()).as("a parked tension moves with its session").isEqualTo(HttpStatus.CONFLICT);
    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/holacracy/parking", Map.of("circleId", circle,
        "meetingKind", "tactical", "meetingDate", "2026-12-07", "facilitator", "galina", "tensionIds", List.of(first)))
        .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(read(call("anna", HttpMethod.GET, "/api/v1/crm/holacracy/overview", null)).get("parkedTopics")
        .toString()).contains("\"id\":" + parking);

    String complete = "/api/v1/crm/holacracy/parking/" + parking + "/complete";
    assertThat(call("boris", HttpMethod.PATCH, complete, Map.of("outcome", "x")).getStatusCode())
        .as("neither facilitator nor lead link").isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> done = call("galina", HttpMethod.PATCH, complete, Map.of(
        "outcome", "Anna calls back VIPs; refunds go to the next governance meeting", "resolvedTensionIds",
        List.of(first)));
    assertThat(done.getStatusCode()).as(done.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(read(done).get("state").asText()).isEqualTo("completed");
    assertThat(state(first)).isEqualTo("resolved");
    assertThat(state(second)).isEqualTo("open");
    assertThat(jdbc.queryForList("select to_state from crm_holacracy_tension_events where tension_id = ? order by id",
        String.class, second)).containsExactly("open", "parked", "open");
    assertThat(call("galina", HttpMethod.PATCH, complete, Map.of("outcome", "again")).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    assertThat(call("galina", HttpMethod.PATCH, "/api/v1/crm/holacracy/parking/999999999/complete",
        Map.of("outcome", "x")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void eachAutomaticTensionIsRaisedOncePerCause() {
    // a role a deployed model uses and nobody covers
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String key = "packers-" + suffix;
    repository.createDeployment().name("holacracy " + suffix).addString("pack-" + suffix + ".bpmn",
        HolacracyIntegrationTest.MODEL.formatted("pack-" + suffix, key).strip()).deploy();
    watch.run();
    watch.run();
    assertThat(causes("uncovered-role:" + key)).hasSize(1);

    // a stage SLA escalated to level 2, heard twice (the timer re-ran)
    String pi = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("hol-" + UUID.randomUUID(),
        false, false))).get("processInstanceId").asText();
    long orderId = jdbc.queryForObject("select id from orders where process_instance_id = ?", Long.class, pi);
    OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    for (int i = 0; i < 2; i++) {
      events.publishEvent(new StageEvents.SlaMarked(orderId, "booked", "Task_ConfirmBooking", "escalation", 2, due,
          "manager", due));
    }
    List<Map<String, Object>> escalations = jdbc.queryForList(
        "select * from crm_holacracy_tensions where order_id = ? and cause like 'sla-escalation:%'", orderId);
    assertThat(escalations).hasSize(1);
    assertThat(escalations.get(0).get("task_id")).isNotNull();
    assertThat(escalations.get(0).get("role_id")).isEqualTo(roleId("sales-managers"));

    // a member whose focus adds up to more than the table allows
    String user = newUser("hc");
    int limit = ((Number) decisions.evaluateDecisionTableByKey("holacracy-tension-rules", Variables
        .putValue("cause", "over-capacity").putValue("stage", null).putValue("roleKey", null)).getSingleEntry())
        .intValue();
    int focus = Math.min(100, limit / 2 + 1);
    for (String role : List.of("sales-managers", "logistics", "warehouse")) {
      assertThat(call("galina", HttpMethod.POST, "/api/v1/crm/holacracy/roles/" + role + "/assign",
          Map.of("userId", user, "focusPercent", focus)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }
    watch.run();
    assertThat(causes("over-capacity:" + user)).hasSize(1);
    assertThat((String) causes("over-capacity:" + user).get(0).get("evidence")).contains("logistics");
  }

  @Test
  void theSameStageBreachedForTheSameRoleNTimesAWeekIsOneTension() {
    String stage = "hol_stage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    int threshold = ((Number) decisions.evaluateDecisionTableByKey("holacracy-tension-rules", Variables
        .putValue("cause", "repeated-stage-breach").putValue("stage", stage).putValue("roleKey", "sales-managers"))
        .getSingleEntry()).intValue();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (int i = 0; i < threshold + 1; i++) {
      String pi = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("hol-" + UUID.randomUUID(),
          false, false))).get("processInstanceId").asText();
      long orderId = jdbc.queryForObject("select id from orders where process_instance_id = ?", Long.class, pi);
      // the booking stage of this order, breached, under a stage name of its own
      jdbc.update("update crm_order_stage_instances set stage = ?, is_sla_breached = true, sla_breached_at = ? "
          + "where process_instance_id = ? and activity_id = 'Task_ConfirmBooking'", stage, now, pi);
      events.publishEvent(new StageEvents.SlaMarked(orderId, stage, "Task_ConfirmBooking", "breach", 1, now,
          "manager", now));
      assertThat(jdbc.queryForObject("select count(*) from crm_holacracy_tensions where cause like ?", Long.class,
          "repeated-breach:stage:" + stage + ":role:sales-managers:%")).isEqualTo(i + 1 >= threshold ? 1L : 0L);
    }
  }

  @Test
  void theViewsMatchTheData() {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String key = "framers-" + suffix;
    repository.createDeployment().name("holacracy " + suffix).addString("frame-" + suffix + ".bpmn",
        HolacracyIntegrationTest.MODEL.formatted("frame-" + suffix, key).strip()).deploy();
    runtime.startProcessInstanceByKey("frame-" + suffix);
    runtime.startProcessInstanceByKey("frame-" + suffix);
    String a = newUser("hv");
    String b = newUser("hw");
    for (String user : List.of(a, b)) {
      call("olga", HttpMethod.PATCH, "/api/v1/crm/holacracy/members/" + user + "/profile",
          Map.of("weeklyCapacityHours", 40));
      assertThat(call("olga", HttpMethod.POST, "/api/v1/crm/holacracy/roles/" + key + "/assign",
          Map.of("userId", user, "focusPercent", 50)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }
    Map<String, Object> row = coverage(key);
    assertThat(row.get("used_by_models")).isEqualTo(true);
    assertThat(((Number) row.get("model_tasks")).intValue()).isOne();
    assertThat(((Number) row.get("fillers")).intValue()).isEqualTo(2);
    assertThat(((Number) row.get("covering_fillers")).intValue()).isEqualTo(2);
    assertThat(((Number) row.get("capacity_hours")).doubleValue()).isEqualTo(40.0);
    assertThat(((Number) row.get("open_tasks")).intValue()).isEqualTo(2);
    assertThat(row.get("covered_today")).isEqualTo(true);

    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (String user : List.of(a, b)) {
      assertThat(call("olga", HttpMethod.PATCH, "/api/v1/crm/holacracy/members/" + user + "/profile",
          Map.of("absences", List.of(Map.of("from", now.minusHours(1).toString(), "until",
              now.plusDays(1).toString())))).getStatusCode()).isEqualTo(HttpStatus.OK);
    }
    row = coverage(key);
    assertThat(((Number) row.get("fillers")).intValue()).isEqualTo(2);
    assertThat(((Number) row.get("covering_fillers")).intValue()).isZero();
    assertThat(row.get("covered_today")).isEqualTo(false);
    JsonNode overview = read(call("olga", HttpMethod.GET, "/api/v1/crm/holacracy/overview", null));
    assertThat(overview.get("coverageGaps").toString()).contains(key);

    long tension = raise("olga", circleId("company"), "Framers are all away " + suffix);
    assertThat(jdbc.queryForObject("select state from crm_holacracy_tensions_live_v where tension_id = ?",
        String.class, tension)).isEqualTo("open");
    call("olga", HttpMethod.PATCH, "/api/v1/crm/holacracy/tensions/" + tension, Map.of("state", "resolved"));
    assertThat(jdbc.queryForObject("select count(*) from crm_holacracy_tensions_live_v where tension_id = ?",
        Long.class, tension)).isZero();
  }

  // -------------------------------------------------------------------------------------------------------------

  private Map<String, Object> coverage(String key) {
    return jdbc.queryForMap("select * from crm_holacracy_role_coverage_v where role_key = ?", key);
  }

  private List<Map<String, Object>> causes(String cause) {
    return jdbc.queryForList("select * from crm_holacracy_tensions where cause = ?", cause);
  }

  private long raise(String user, long circle, String title) {
    ResponseEntity<String> raised = call(user, HttpMethod.POST, "/api/v1/crm/holacracy/tensions",
        Map.of("kind", "operational", "title", title, "circleId", circle));
    assertThat(raised.getStatusCode()).as(raised.getBody()).isEqualTo(HttpStatus.CREATED);
    return read(raised).get("id").asLong();
  }

  private String state(long tension) {
    return jdbc.queryForObject("select state from crm_holacracy_tensions where id = ?", String.class, tension);
  }

  private long roleId(String key) {
    return jdbc.queryForObject("select id from crm_holacracy_roles where role_key = ?", Long.class, key);
  }

  private long circleId(String key) {
    return jdbc.queryForObject("select id from crm_holacracy_circles where circle_key = ?", Long.class, key);
  }

  private String newUser(String prefix) {
    return HolacracyIntegrationTest.newUser(identity, prefix);
  }
}
