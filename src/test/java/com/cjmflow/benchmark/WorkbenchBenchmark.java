package com.cjmflow.benchmark;

import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

import com.cjmflow.ApiTestSupport;
import com.cjmflow.models.ModelMigrations;
import com.cjmflow.models.SlaBacktest;

/**
 * The process owner's workbench at size: migrating N running orders (default 10,000) to a new version, against
 * migrating as many instances of a bare one-task process in the same run, and a backtest over M stage visits
 * (default 1,000,000). Batch jobs are executed in this thread, one after the other. Not part of ./mvnw verify; see
 * README "Benchmarks".
 */
@Tag("benchmark")
class WorkbenchBenchmark extends ApiTestSupport {

  private static final int ORDERS = Integer.getInteger("workbench.benchmark.orders", 10_000);
  private static final int VISITS = Integer.getInteger("workbench.benchmark.visits", 1_000_000);

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired ModelMigrations migrations;
  @Autowired SlaBacktest backtest;

  @Test
  void migrationAndBacktestAtSize() throws Exception {
    // bare baseline: a one-task process, N instances, migrated to an identical second version
    BpmnModelInstance bare = Bpmn.createExecutableProcess("bare-migration").camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Started").userTask("Task_Wait").endEvent("EndEvent_Done").done();
    repository.createDeployment().addModelInstance("bare-migration.bpmn", bare).deploy();
    for (int i = 0; i < ORDERS; i++) {
      runtime.startProcessInstanceByKey("bare-migration");
    }
    repository.createDeployment().addModelInstance("bare-migration.bpmn",
        Bpmn.createExecutableProcess("bare-migration").camundaHistoryTimeToLive(2).startEvent("StartEvent_Started")
            .userTask("Task_Wait").endEvent("EndEvent_Done").done()).deploy();
    double bareSeconds = migrate("bare-migration");

    // orders: a copy of the order flow, N booked orders spread over its first stages
    String key = "order-flow-benchmark";
    repository.createDeployment().addModelInstance("processes/" + key + ".bpmn", copy(key)).deploy();
    Instant booking = Instant.now();
    for (int i = 0; i < ORDERS; i++) {
      runtime.createMessageCorrelation("OrderBooked-" + key).setVariables(Variables.createVariables()
          .putValue("externalId", "bench-migr-" + i).putValue("customerName", "Bench Client " + (i % 500))
          .putValue("customerEmail", "bench" + (i % 500) + "@example.ru").putValue("bikeTitle", "Cube Stereo")
          .putValue("sellerCountry", "NL").putValue("priceEur", 2100)).correlateStartMessage();
    }
    double bookingSeconds = Duration.between(booking, Instant.now()).toMillis() / 1000.0;
    repository.createDeployment().addModelInstance("processes/" + key + ".bpmn", copy(key)).deploy();
    double ordersSeconds = migrate(key);

    // backtest: M stage visits over a year
    Instant seeding = Instant.now();
    seedVisits();
    double seedSeconds = Duration.between(seeding, Instant.now()).toMillis() / 1000.0;
    SlaBacktest.Table table;
    try (InputStream in = new ClassPathResource("dmn/stage-sla.dmn").getInputStream()) {
      table = backtest.candidate("repository stage-sla", in.readAllBytes());
    }
    OffsetDateTime from = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    Instant started = Instant.now();
    SlaBacktest.Result result = backtest.run(backtest.deployed(), table, from, from.plusYears(1));
    double backtestSeconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;

    System.out.printf("%nWORKBENCH BENCHMARK%n");
    System.out.printf("| measure | CJM Flow | bare Camunda | ratio |%n|---|---|---|---|%n");
    System.out.printf("| migrate %,d running instances (batch jobs in one thread) | %.1f s | %.1f s | %.2f |%n", ORDERS,
        ordersSeconds, bareSeconds, ordersSeconds / bareSeconds);
    System.out.printf("| backtest over %,d stage visits (a year) | %.1f s | | |%n", result.visits(), backtestSeconds);
    System.out.printf("(booking the %,d orders took %.1f s, seeding the visits %.1f s; breaches %d → %d)%n%n",
        ORDERS, bookingSeconds, seedSeconds, result.baselineTotals().breaches(), result.candidateTotals().breaches());
  }

  private double migrate(String key) {
    Instant started = Instant.now();
    ModelMigrations.Execution execution = migrations.migrate(key, Map.of());
    for (ModelMigrations.Started batch : execution.batches()) {
      runBatch(batch.batchId());
    }
    return Duration.between(started, Instant.now()).toMillis() / 1000.0;
  }

  private void runBatch(String batchId) {
    while (true) {
      Batch batch = management.createBatchQuery().batchId(batchId).singleResult();
      if (batch == null) {
        return;
      }
      // the batch's own jobs only: listing every job would read the orders' SLA timers on each round
      for (String definition : List.of(batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId(),
          batch.getMonitorJobDefinitionId())) {
        for (Job job : management.createJobQuery().jobDefinitionId(definition).list()) {
          management.executeJob(job.getId());
        }
      }
    }
  }

  private void seedVisits() {
    Timestamp created = Timestamp.from(Instant.parse("2023-12-01T00:00:00Z"));
    jdbc.update("insert into customers (display_name, tier, created_at, updated_at) values ('Bench', 'standard', ?, ?)",
        created, created);
    long customer = jdbc.queryForObject("select max(id) from customers where display_name = 'Bench'", Long.class);
    int orders = Math.max(1, VISITS / 100);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      rows.add(new Object[] {"bench-visits-" + i, customer, created, created});
    }
    jdbc.batchUpdate("""
        insert into orders (external_id, customer_id, status, bike_title, seller_country, price_amount,
          reserve_required, expert_inspection, created_at, updated_at)
        values (?, ?, 'closed', 'Bench bike', 'DE', 1000, false, false, ?, ?)""", rows);
    long firstOrder = jdbc.queryForObject("select min(id) from orders where external_id like 'bench-visits-%'",
        Long.class);
    List<String> stages = List.of("booked", "seller_check_in_progress", "check_ready", "awaiting_client_decision",
        "full_payment_pending", "bike_buyout_completed", "warehouse_received", "delivered");
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    List<Object[]> visits = new ArrayList<>();
    for (int i = 0; i < VISITS; i++) {
      Instant entered = start.plusSeconds((long) i * 31);
      visits.add(new Object[] {firstOrder + i / 100, stages.get(i % stages.size()), "bench-ai-" + i,
          Timestamp.from(entered), Timestamp.from(entered.plusSeconds(600L + (i * 7919L) % 200_000))});
      if (visits.size() == 10_000) {
        insertVisits(visits);
        visits.clear();
      }
    }
    insertVisits(visits);
  }

  private void insertVisits(List<Object[]> visits) {
    jdbc.batchUpdate("""
        insert into crm_order_stage_instances (order_id, stage, process_instance_id, activity_id,
          activity_instance_id, clock_owner, entered_at, left_at)
        values (?, ?, 'bench', 'Task_Bench', ?, 'manager', ?, ?)""", visits);
  }

  private static BpmnModelInstance copy(String key) throws Exception {
    BpmnModelInstance model;
    try (InputStream in = new ClassPathResource("processes/order-flow.bpmn").getInputStream()) {
      model = Bpmn.readModelFromStream(in);
    }
    model.getModelElementById("order-flow").setAttributeValue("id", key, true);
    ((Message) model.getModelElementById("Message_OrderBooked")).setName("OrderBooked-" + key);
    return model;
  }
}
