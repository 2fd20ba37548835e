package com.cjmflow.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.cjmflow.ApiTestSupport;
import com.cjmflow.orderflow.OrderResumption;
import com.cjmflow.stage.ResumedStage;
import com.cjmflow.platform.ModelProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The backfill over databases the legacy generator makes in the test (several sizes, seeds and messy levels): the
 * imported figures equal the generator's ground truth, every in-flight order waits in exactly one process instance
 * at its stage, one of them moves on through Tasklist-style completion, and a second run is a no-op.
 */
class BackfillIntegrationTest extends ApiTestSupport {

  @Autowired Backfill backfill;
  @Autowired RuntimeService runtime;
  @Autowired RepositoryService repository;
  @Autowired OrderResumption resumption;

  /** A few wait states with the form values a manager submits there (as in the order journey test). */
  private static final Map<String, Object[]> WORK = Map.of(
      "Task_PresentCheckReport", new Object[] {"anna", Map.of("reportChannel", "whatsapp", "reportSummary", "ok")},
      "Task_RepackBike", new Object[] {"vera", Map.of("packedWeightKg", 14.5, "packedSizeCm", "140x30x80")},
      "Task_BuyOutBike", new Object[] {"anna", Map.of("buyoutAmountEur", 1700, "buyoutReceiptRef", "B-1")},
      "Task_ConfirmDelivery", new Object[] {"lev", Map.of("deliveryDate", "2026-12-10")});

  @Test
  void importsAMessyDatabaseAsTheGeneratorSaysAndResumesItsOrders() throws Exception {
    var legacy = LegacyDatabases.generate(200, 11, 2);
    String system = "legacy-test-200-11-2";

    BackfillRun run = backfill.runNow(legacy.file(), system, "test", "olga", (s, d, t, m) -> { });

    assertThat(run.status()).as(run.error()).isEqualTo("done");
    assertGroundTruth(system, legacy.expected(), run.report());
    assertInFlightOrdersWaitAtTheirStage(system, legacy.expected());
    assertThat(run.report().at("/tables/order_status_events/repaired").asInt()).isEqualTo(
        legacy.expected().at("/status_events/with_noncanonical_spelling").asInt());
    assertThat(rules(run.report(), "orders/repaired/history_gap")).isPositive();
    assertThat(rules(run.report(), "payments/rejected/orphan_payment"))
        .isEqualTo(legacy.expected().at("/orphan_payments/count").asInt());
    assertThat(run.reportFile()).isNotNull();

    Map<String, Long> before = snapshot(system);
    BackfillRun again = backfill.runNow(legacy.file(), system, "test", "olga", (s, d, t, m) -> { });
    assertThat(again.status()).isEqualTo("done");
    assertThat(snapshot(system)).as("a second run changes nothing").isEqualTo(before);
    assertThat(again.report().at("/tables/orders/imported").asInt()).isZero();
    assertThat(again.report().at("/tables/orders/unchanged").asInt()).isEqualTo(
        legacy.expected().at("/rows/orders").asInt());

    completeOneInFlightOrder(system);
  }

  @Test
  void importsCleanAndLightlyMessyDatabases() throws Exception {
    for (int[] params : new int[][] {{80, 3, 0}, {120, 5, 1}}) {
      var legacy = LegacyDatabases.generate(params[0], params[1], params[2]);
      String system = "legacy-test-" + params[0] + "-" + params[1] + "-" + params[2];
      BackfillRun run = backfill.runNow(legacy.file(), system, "test", "olga", (s, d, t, m) -> { });
      assertThat(run.status()).as(run.error()).isEqualTo("done");
      assertGroundTruth(system, legacy.expected(), run.report());
      assertInFlightOrdersWaitAtTheirStage(system, legacy.expected());
    }
  }

  @Test
  void aNewerExportUpdatesWhatChangedAndMovesTheProcessesOn() throws Exception {
    var legacy = LegacyDatabases.generate(90, 21, 0);
    String system = "legacy-test-newer-90-21-0";
    assertThat(backfill.runNow(legacy.file(), system, "test", "olga", (s, d, t, m) -> { }).status()).isEqualTo("done");
    OrderResumption.WaitStates model = resumption.waitStates();
    List<Map<String, Object>> inFlight = jdbc.queryForList("""
        select o.id, o.external_id, o.process_instance_id, s.stage, s.entered_at from orders o
        join crm_order_stage_instances s on s.order_id = o.id and s.left_at is null and s.case_id is null
        where o.external_id like ? order by o.id""", system + ":%");
    Map<String, Object> moving = inFlight.stream().filter(o -> nextWaitState(model, (String) o.get("stage")) != null)
        .findFirst().orElseThrow();
    Map<String, Object> ending = inFlight.stream().filter(o -> o != moving).findFirst().orElseThrow();
    String next = nextWaitState(model, (String) moving.get("stage"));
    String end = model.endStages().keySet().stream().filter(e -> model.isStep((String) ending.get("stage"), e))
        .findFirst().orElse(model.endStages().keySet().iterator().next());
    java.time.Instant movedAt = midpoint(moving.get("entered_at"));
    java.time.Instant endedAt = midpoint(ending.get("entered_at"));
    Path newer = legacy.file().resolveSibling("eubike-newer.db");
    Files.copy(legacy.file(), newer);
    long customer;
    long task;
    long shipment;
    try (var sqlite = java.sql.DriverManager.getConnection("jdbc:sqlite:" + newer);
        var sql = sqlite.createStatement()) {
      advance(sqlite, legacyId(moving), (String) moving.get("stage"), next, movedAt);
      advance(sqlite, legacyId(ending), (String) ending.get("stage"), end, endedAt);
      customer = single(sql, "select min(id) from customers where phone is not null");
      sql.executeUpdate("update customers set full_name = 'Ефросинья Переименованная-Обновлённая' where id = "
          + customer);
      task = single(sql, "select min(id) from tasks where done_at is null and assignee_id is not null and order_id "
          + "is not null");
      sql.executeUpdate("update tasks set done_at = '" + iso(movedAt) + "' where id = " + task);
      shipment = single(sql, "select min(id) from shipments where delivered_at is null");
      sql.executeUpdate("update shipments set delivered_at = '" + iso(endedAt) + "' where id = " + shipment);
    }
    long movingId = ((Number) moving.get("id")).longValue();
    long endingId = ((Number) ending.get("id")).longValue();
    String processInstanceId = (String) moving.get("process_instance_id");

    BackfillRun run = backfill.runNow(newer, system, "test", "olga", (s, d, t, m) -> { });

    assertThat(run.status()).as(run.error()).isEqualTo("done");
    assertThat(run.report().at("/tables/orders/updated").asInt()).isEqualTo(2);
    assertThat(run.report().at("/tables/orders/imported").asInt()).isZero();
    assertThat(run.report().at("/tables/tasks/updated").asInt()).isEqualTo(1);
    assertThat(run.report().at("/tables/shipments/updated").asInt()).isEqualTo(1);
    assertThat(run.report().at("/tables/customers/updated").asInt()).isEqualTo(1);
    assertThat(run.report().at("/figures/processes_moved").asInt()).isEqualTo(1);
    assertThat(run.report().at("/figures/processes_ended").asInt()).isEqualTo(1);
    assertThat(jdbc.queryForObject("select status from orders where id = ?", String.class, movingId)).isEqualTo(next);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(movingId)).list())
        .extracting(p -> p.getId()).as("the same process moved on").containsExactly(processInstanceId);
    String activity = model.activityFor(next, runtime.getVariables(processInstanceId)).orElseThrow();
    assertThat(runtime.getActiveActivityIds(processInstanceId)).containsExactly(activity);
    assertThat(runtime.getVariable(processInstanceId, ResumedStage.ENTERED_AT)).isNull();
    List<Map<String, Object>> visits = jdbc.queryForList("select stage, entered_at, left_at from "
        + "crm_order_stage_instances where order_id = ? and case_id is null order by entered_at", movingId);
    assertThat(visits.get(visits.size() - 2).get("stage")).isEqualTo(moving.get("stage"));
    assertThat(instant(visits.get(visits.size() - 2).get("left_at"))).isEqualTo(movedAt);
    assertThat(visits.get(visits.size() - 1).get("stage")).isEqualTo(next);
    assertThat(instant(visits.get(visits.size() - 1).get("entered_at"))).isEqualTo(movedAt);
    assertThat(visits.get(visits.size() - 1).get("left_at")).isNull();
    assertThat(jdbc.queryForObject("select count(*) from order_status_events where order_id = ? and to_status = ? "
        + "and from_status = ?", Integer.class, movingId, next, moving.get("stage"))).isEqualTo(1);
    assertThat(jdbc.queryForObject("select status from orders where id = ?", String.class, endingId)).isEqualTo(end);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(endingId)).count())
        .isZero();
    assertThat(jdbc.queryForObject("select count(*) from crm_order_stage_instances where order_id = ? and left_at is "
        + "null and case_id is null", Integer.class, endingId)).isZero();
    assertThat(jdbc.queryForObject("select display_name from customers where id = (select customer_id from "
        + "customer_external_ids where source_system = ? and external_value = ?)", String.class, system,
        "customer:" + customer)).isEqualTo("Ефросинья Переименованная-Обновлённая");
    assertThat(jdbc.queryForObject("select status from crm_manager_followups where task_id = ?", String.class,
        system + ":task:" + task)).isEqualTo("completed");
    assertThat(instant(jdbc.queryForObject("select delivered_at from shipments where id = (select target_id from "
        + "crm_backfill_links where source_system = ? and legacy_table = 'shipments' and legacy_id = ?)",
        Object.class, system, shipment))).isEqualTo(endedAt);

    Map<String, Long> before = snapshot(system);
    BackfillRun again = backfill.runNow(newer, system, "test", "olga", (s, d, t, m) -> { });
    assertThat(again.report().at("/tables/orders/updated").asInt()).isZero();
    assertThat(snapshot(system)).as("the newer export once more changes nothing").isEqualTo(before);
  }

  private static String nextWaitState(OrderResumption.WaitStates model, String stage) {
    return model.steps().getOrDefault(stage, java.util.Set.of()).stream().filter(model::knows).findFirst()
        .orElse(null);
  }

  /** Halfway between a stage's entry and now: after the history, before the run. */
  private static java.time.Instant midpoint(Object enteredAt) {
    java.time.Instant from = instant(enteredAt);
    java.time.Instant now = com.cjmflow.platform.EngineClock.now().toInstant();
    return from.plusSeconds(java.time.Duration.between(from, now).toSeconds() / 2)
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  private static java.time.Instant instant(Object time) {
    return time instanceof java.time.OffsetDateTime odt ? odt.toInstant()
        : time instanceof java.sql.Timestamp ts ? ts.toInstant() : (java.time.Instant) time;
  }

  private static long legacyId(Map<String, Object> order) {
    String externalId = (String) order.get("external_id");
    return Long.parseLong(externalId.substring(externalId.lastIndexOf(':') + 1));
  }

  private static String iso(java.time.Instant at) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(java.time.ZoneOffset.UTC).format(at);
  }

  /** The legacy CRM moved an order on: a status event and its current status. */
  private static void advance(java.sql.Connection sqlite, long orderId, String from, String to,
      java.time.Instant at) throws java.sql.SQLException {
    try (var insert = sqlite.prepareStatement("insert into order_status_events (order_id, from_status, to_status, "
        + "changed_by, changed_at) values (?, ?, ?, 'system', ?)");
        var update = sqlite.prepareStatement("update orders set status = ?, updated_at = ? where id = ?")) {
      insert.setLong(1, orderId);
      insert.setString(2, from);
      insert.setString(3, to);
      insert.setString(4, iso(at));
      insert.executeUpdate();
      update.setString(1, to);
      update.setString(2, iso(at));
      update.setLong(3, orderId);
      update.executeUpdate();
    }
  }

  private static long single(java.sql.Statement sql, String query) throws java.sql.SQLException {
    try (var rows = sql.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private void assertGroundTruth(String system, JsonNode expected, JsonNode report) {
    Map<String, Integer> byStatus = new HashMap<>();
    jdbc.query("select status, count(*) from orders where external_id like ? group by status",
        rs -> {
          byStatus.put(rs.getString(1), rs.getInt(2));
        }, system + ":%");
    expected.get("orders_by_status").fields().forEachRemaining(e -> assertThat(byStatus.getOrDefault(e.getKey(), 0))
        .as("orders in %s", e.getKey()).isEqualTo(e.getValue().asInt()));
    assertThat(jdbc.queryForObject("select count(distinct customer_id) from customer_external_ids where "
        + "source_system = ? and external_value like 'customer:%'", Integer.class, system))
        .as("customers after merge").isEqualTo(expected.at("/customers/after_merge").asInt());
    double tolerance = 0.005 * expected.get("payments_rub_count").asInt() + 0.001;
    for (String kind : List.of("reserve", "full", "refund")) {
      BigDecimal sum = jdbc.queryForObject("select coalesce(sum(p.amount), 0) from payments p join orders o on "
          + "o.id = p.order_id where o.external_id like ? and p.kind = ?", BigDecimal.class, system + ":%", kind);
      assertThat(sum.doubleValue()).as("payments %s in EUR", kind)
          .isCloseTo(expected.at("/payments_eur_by_kind/" + kind).asDouble(), within(tolerance));
    }
    assertThat(report.at("/figures/orphan_payments/count").asInt())
        .isEqualTo(expected.at("/orphan_payments/count").asInt());
    assertThat(report.at("/figures/leads_from_applications").asInt())
        .isEqualTo(expected.at("/leads/leads_from_applications").asInt());
    assertThat(report.at("/figures/customers_after_merge").asInt())
        .isEqualTo(expected.at("/customers/after_merge").asInt());
    assertThat(report.at("/tables/orders/rejected").asInt()).isZero();
  }

  private void assertInFlightOrdersWaitAtTheirStage(String system, JsonNode expected) {
    List<Map<String, Object>> inFlight = jdbc.queryForList("select id, status, process_instance_id from orders "
        + "where external_id like ? and status not in ('closed', 'cancelled')", system + ":%");
    assertThat(inFlight).hasSize(expected.get("orders_in_flight").asInt());
    for (Map<String, Object> order : inFlight) {
      long orderId = ((Number) order.get("id")).longValue();
      String processInstanceId = (String) order.get("process_instance_id");
      assertThat(processInstanceId).as("order %s has a process", orderId).isNotNull();
      assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(orderId)).count())
          .as("one process for order %s", orderId).isEqualTo(1);
      List<String> active = runtime.getActiveActivityIds(processInstanceId);
      var model = repository.getBpmnModelInstance(
          runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult()
              .getProcessDefinitionId());
      assertThat(active.stream().map(id -> ModelProperties.of(
          (org.camunda.bpm.model.bpmn.instance.BaseElement) model.getModelElementById(id)).get("stage")))
          .as("order %s waits at its stage", orderId).containsExactly((String) order.get("status"));
      List<Map<String, Object>> open = jdbc.queryForList("select stage, process_instance_id, entered_at from "
          + "crm_order_stage_instances where order_id = ? and left_at is null", orderId);
      assertThat(open).as("one open stage instance of order %s", orderId).hasSize(1);
      assertThat(open.get(0).get("stage")).isEqualTo(order.get("status"));
      assertThat(jdbc.queryForObject("select count(*) from order_status_events where order_id = ? and to_status = ? "
          + "and changed_at = (select max(changed_at) from order_status_events where order_id = ?)", Integer.class,
          orderId, order.get("status"), orderId)).as("the last status event of order %s", orderId).isEqualTo(1);
    }
  }

  private void completeOneInFlightOrder(String system) {
    List<Map<String, Object>> candidates = jdbc.queryForList("""
        select o.id, o.process_instance_id, s.activity_id from orders o
        join crm_order_stage_instances s on s.order_id = o.id and s.left_at is null
        where o.external_id like ?""", system + ":%");
    Map<String, Object> order = candidates.stream().filter(c -> WORK.containsKey((String) c.get("activity_id")))
        .findFirst().orElseThrow(() -> new AssertionError("no in-flight order at " + WORK.keySet()));
    String activityId = (String) order.get("activity_id");
    String processInstanceId = (String) order.get("process_instance_id");
    Object[] work = WORK.get(activityId);
    @SuppressWarnings("unchecked")
    Map<String, Object> values = (Map<String, Object>) work[1];
    work((String) work[0], processInstanceId, activityId, values);
    assertThat(runtime.getActiveActivityIds(processInstanceId)).doesNotContain(activityId);
    long orderId = ((Number) order.get("id")).longValue();
    assertThat(jdbc.queryForObject("select count(*) from crm_order_stage_instances where order_id = ? and "
        + "activity_id = ? and left_at is not null and process_instance_id = ?", Integer.class, orderId, activityId,
        processInstanceId)).as("the resumed stage closed").isEqualTo(1);
  }

  private Map<String, Long> snapshot(String system) {
    Map<String, Long> counts = new HashMap<>();
    String orders = "(select id from orders where external_id like '" + system + ":%')";
    counts.put("orders", jdbc.queryForObject("select count(*) from orders where id in " + orders, Long.class));
    for (String table : List.of("order_status_events", "crm_order_stage_instances", "crm_journey_events", "payments",
        "shipments", "crm_manager_followups", "order_cases", "refund_requests", "compensation_requests",
        "manager_activity_events")) {
      counts.put(table, jdbc.queryForObject("select count(*) from " + table + " where order_id in " + orders,
          Long.class));
    }
    counts.put("customers", jdbc.queryForObject(
        "select count(*) from customer_external_ids where source_system = ?", Long.class, system));
    counts.put("leads", jdbc.queryForObject("select count(*) from leads where external_id like ?", Long.class,
        system + ":%"));
    counts.put("processes", runtime.createProcessInstanceQuery().processDefinitionKey("order-flow").count());
    return counts;
  }

  private static int rules(JsonNode report, String rule) {
    return report.at("/rules/" + rule.replace("/", "~1")).asInt();
  }
}
