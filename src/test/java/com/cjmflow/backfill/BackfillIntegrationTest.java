package com.cjmflow.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.cjmflow.ApiTestSupport;
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
