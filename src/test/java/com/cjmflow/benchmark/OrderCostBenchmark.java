package com.cjmflow.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

import com.cjmflow.OrderCostSupport;
import com.cjmflow.SqlStatements.Counts;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Cost per order against bare Camunda, measured interleaved in one run on the same engine and database: the suite
 * deploys its own baselines — a one-task process (booking vs a bare start) and a chain of as many user tasks as the
 * order has steps (a complete order vs the bare chain) — and drives both over HTTP with authentication, as users do.
 * Prints one table (measure, CJM Flow, baseline, ratio, target) and writes it as JSON
 * ({@code target/benchmark/order-cost.json}, {@code -Dorder.benchmark.out=…}). Not part of ./mvnw verify; see
 * README "Benchmarks". {@code -Dorder.benchmark.orders=N} (default 20) orders and as many chains. The baselines run
 * in CJM Flow's engine and so with its listeners on every user task (task mirror, continuity, activity log): their
 * statements, rows written and rows left are counted as bare Camunda would have them — the engine's share, over
 * {@code ACT_*} tables only ({@link com.cjmflow.SqlStatements.Counts#engineStatements}); the chain as CJM Flow runs
 * it is printed beside. Times and CPU cannot be split so: their baselines include the listeners.
 */
@Tag("benchmark")
class OrderCostBenchmark extends OrderCostSupport {

  private static final int ORDERS = Integer.getInteger("order.benchmark.orders", 20);

  /** Both sides count the assignment of a task to its worker: an order's reassignments, a chain's claims. */
  @Override
  protected boolean assignmentInStep() {
    return true;
  }

  @Autowired RepositoryService repository;
  @Autowired AuthorizationService authorizations;
  @Autowired org.camunda.bpm.engine.HistoryService history;
  @Autowired org.camunda.bpm.engine.ManagementService management;

  private record Row(String measure, double cjm, double baseline, String unit, String target, Double limit) {
    double ratio() {
      return baseline == 0 ? (cjm == 0 ? 1 : Double.POSITIVE_INFINITY) : cjm / baseline;
    }
  }

  @Test
  void costPerOrderAgainstBareCamunda() throws Exception {
    int transitions = PATH.size();
    deployBaselines(transitions);

    // warm-up: caches, JIT, calendars
    driveOrder("bench-warmup");
    driveChain();

    List<Run> orders = new ArrayList<>();
    List<Run> chains = new ArrayList<>();
    double[] orderCpu = new double[ORDERS];
    double[] chainCpu = new double[ORDERS];
    double[] orderWall = new double[ORDERS];
    double[] chainWall = new double[ORDERS];
    long rowsBefore = rowsLeft(false);
    long engineRowsBefore = rowsLeft(true);
    Map<String, Long> tablesBefore = tableBytes();
    Map<String, Long> orderTableBytes = new java.util.TreeMap<>();
    Map<String, Long> chainTableBytes = new java.util.TreeMap<>();
    Long bytesBefore = bytesLeft(tablesBefore, false);
    Long engineBytesBefore = bytesLeft(tablesBefore, true);
    long orderRowsLeft = 0;
    long chainRowsLeft = 0;
    long chainEngineRowsLeft = 0;
    long orderBytesLeft = 0;
    long chainBytesLeft = 0;
    long chainEngineBytesLeft = 0;
    for (int i = 0; i < ORDERS; i++) {
      long cpu = cpu();
      long wall = System.nanoTime();
      orders.add(driveOrder("bench-" + System.nanoTime()));
      orderCpu[i] = (cpu() - cpu) / 1e6;
      orderWall[i] = (System.nanoTime() - wall) / 1e6;
      long rows = rowsLeft(false);
      long engineRows = rowsLeft(true);
      Map<String, Long> tablesAfter = tableBytes();
      Long bytes = bytesLeft(tablesAfter, false);
      Long engineBytes = bytesLeft(tablesAfter, true);
      orderRowsLeft += rows - rowsBefore;
      orderBytesLeft += bytes == null ? 0 : bytes - bytesBefore;
      tablesAfter.forEach((table, size) -> orderTableBytes.merge(table, size - tablesBefore.getOrDefault(table, 0L),
          Long::sum));

      cpu = cpu();
      wall = System.nanoTime();
      chains.add(driveChain());
      chainCpu[i] = (cpu() - cpu) / 1e6;
      chainWall[i] = (System.nanoTime() - wall) / 1e6;
      rowsBefore = rowsLeft(false);
      engineRowsBefore = rowsLeft(true);
      tablesBefore.clear();
      tablesBefore.putAll(tableBytes());
      tablesBefore.forEach((table, size) -> chainTableBytes.merge(table, size - tablesAfter.getOrDefault(table, 0L),
          Long::sum));
      bytesBefore = bytesLeft(tablesBefore, false);
      engineBytesBefore = bytesLeft(tablesBefore, true);
      chainRowsLeft += rowsBefore - rows;
      chainEngineRowsLeft += engineRowsBefore - engineRows;
      chainBytesLeft += bytes == null ? 0 : bytesBefore - bytes;
      chainEngineBytesLeft += bytes == null ? 0 : engineBytesBefore - engineBytes;
    }

    // reads: /cjm and the order 360 (closed and open order) against one engine history query
    Run closed = orders.get(orders.size() - 1);
    long open = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders",
        booking("bench-open-" + System.nanoTime(), false, false))).get("orderId").asLong();
    String openInstance = jdbc.queryForObject("select process_instance_id from orders where id = ?", String.class,
        open);
    Map<String, Supplier<Step>> readers = new LinkedHashMap<>();
    readers.put("cjm", () -> record("cjm", () -> call("anna", HttpMethod.GET,
        "/api/v1/crm/orders/" + open + "/cjm", null)));
    readers.put("360", () -> record("360", () -> call("anna", HttpMethod.GET, "/api/v1/crm/orders/" + open, null)));
    readers.put("list", () -> record("list", () -> call("anna", HttpMethod.GET, "/api/v1/crm/orders?size=20", null)));
    readers.put("history", () -> record("history", () -> call("anna", HttpMethod.GET,
        "/engine-rest/history/task?processInstanceId=" + openInstance, null)));
    readers.put("closed cjm", () -> record("cjm", () -> call("anna", HttpMethod.GET,
        "/api/v1/crm/orders/" + closed.orderId() + "/cjm", null)));
    Map<String, List<Read>> reads = interleaved(readers);
    List<Read> cjm = reads.get("cjm");
    List<Read> order360 = reads.get("360");
    List<Read> list = reads.get("list");
    List<Read> historyQuery = reads.get("history");
    List<Read> closedCjm = reads.get("closed cjm");

    List<Row> rows = new ArrayList<>();
    double[] book = orders.stream().mapToDouble(r -> r.steps().get(0).nanos() / 1e6).toArray();
    double[] start = chains.stream().mapToDouble(r -> r.steps().get(0).nanos() / 1e6).toArray();
    rows.add(new Row("booking latency p50", pct(book, 50), pct(start, 50), "ms", "≤ 1.5×", 1.5));
    rows.add(new Row("booking latency p99", pct(book, 99), pct(start, 99), "ms", "", null));
    rows.add(new Row("booking SQL statements", mean(orders, 0, null), chains.stream()
        .mapToLong(r -> r.steps().get(0).sql().engineStatements()).average().orElse(0), "", "", null));
    rows.add(new Row("complete order: JVM CPU", pct(orderCpu, 50), pct(chainCpu, 50), "ms/order", "≤ 1.3×", 1.3));
    rows.add(new Row("complete order: server CPU of its requests", serverCpuPerRun(orders), serverCpuPerRun(chains),
        "ms/order", "", null));
    rows.add(new Row("complete order: wall time", pct(orderWall, 50), pct(chainWall, 50), "ms/order", "", null));
    rows.add(new Row("complete order: throughput (concurrency 1)", 1000 / pct(orderWall, 50),
        1000 / pct(chainWall, 50), "orders/s", "", null));
    rows.add(new Row("complete order: SQL statements", perRun(orders, null), engine(chains, Counts::engineStatements),
        "/order", "", null));
    double orderRows = orders.stream().mapToLong(OrderCostSupport::rowsWritten).average().orElse(0);
    rows.add(new Row("complete order: rows written", orderRows, engine(chains, Counts::engineRowsWritten), "/order",
        "≤ 2×", 2.0));
    rows.add(new Row("complete order: rows written, vs the chain with CJM Flow's task listeners", orderRows,
        chains.stream().mapToLong(OrderCostSupport::rowsWritten).average().orElse(0), "/order", "", null));
    rows.add(new Row("closed order: rows left", (double) orderRowsLeft / ORDERS,
        (double) chainEngineRowsLeft / ORDERS, "/order", "≤ 2×", 2.0));
    rows.add(new Row("closed order: rows left, vs the chain with CJM Flow's task listeners",
        (double) orderRowsLeft / ORDERS, (double) chainRowsLeft / ORDERS, "/order", "", null));
    if (bytesBefore != null) {
      rows.add(new Row("closed order: bytes left", orderBytesLeft / 1024.0 / ORDERS,
          chainEngineBytesLeft / 1024.0 / ORDERS, "KB/order", "≤ 2×", 2.0));
      rows.add(new Row("closed order: bytes left, vs the chain with CJM Flow's task listeners",
          orderBytesLeft / 1024.0 / ORDERS, chainBytesLeft / 1024.0 / ORDERS, "KB/order", "", null));
    }
    double bareCompletion = chains.stream().flatMap(r -> r.steps().stream().skip(1))
        .mapToLong(s -> s.sql().engineStatements()).average().orElse(0);
    double bareCompletionMs = pct(chains.stream().flatMap(r -> r.steps().stream().skip(1))
        .mapToDouble(s -> s.nanos() / 1e6).toArray(), 50);
    String worst = null;
    double worstStatements = 0;
    for (int step = 1; step < orders.get(0).steps().size(); step++) {
      double statements = mean(orders, step, null);
      if (statements > worstStatements) {
        worstStatements = statements;
        worst = orders.get(0).steps().get(step).name();
      }
    }
    final int worstIndex = indexOf(orders.get(0), worst);
    rows.add(new Row("worst transition (" + worst + "): SQL statements", worstStatements, bareCompletion, "",
        "≤ 1.5×", 1.5));
    rows.add(new Row("worst transition (" + worst + "): latency p50", pct(orders.stream()
        .mapToDouble(r -> r.steps().get(worstIndex).nanos() / 1e6).toArray(), 50), bareCompletionMs, "ms", "≤ 1.5×",
        1.5));
    rows.add(new Row("timer jobs created per stage visit (max)", orders.stream().flatMap(r -> r.steps().stream())
        .mapToLong(s -> matching(s.sql(), "insert into ACT_RU_JOB")).max().orElse(0), 1, "", "≤ 1", 1.0));
    rows.add(new Row("decision history rows per order", orders.stream().flatMap(r -> r.steps().stream())
        .mapToLong(s -> matching(s.sql(), "insert into ACT_HI_DEC")).sum() / (double) ORDERS, 0, "", "0", null));
    rows.add(new Row("GET /cjm (open order): server CPU", serverCpu(cjm), serverCpu(historyQuery), "ms", "≤ 1.2×",
        1.2));
    rows.add(new Row("GET /cjm (open order): JVM CPU, client included", cpuMean(cjm), cpuMean(historyQuery), "ms", "",
        null));
    rows.add(new Row("GET /cjm (open order): latency p50", p50(cjm), p50(historyQuery), "ms", "", null));
    rows.add(new Row("GET /cjm (open order): SQL statements", statements(cjm), statements(historyQuery), "",
        "≤ 10", null));
    rows.add(new Row("GET /cjm (closed order): SQL statements", statements(closedCjm), statements(historyQuery), "",
        "≤ 10", null));
    rows.add(new Row("GET order 360: server CPU", serverCpu(order360), serverCpu(historyQuery), "ms", "≤ 1.2×", 1.2));
    rows.add(new Row("GET order 360: JVM CPU, client included", cpuMean(order360), cpuMean(historyQuery), "ms", "",
        null));
    rows.add(new Row("GET order 360: latency p50", p50(order360), p50(historyQuery), "ms", "", null));
    rows.add(new Row("GET order 360: SQL statements", statements(order360), statements(historyQuery), "", "≤ 10",
        null));
    rows.add(new Row("GET order list (20): latency p50", p50(list), p50(historyQuery), "ms", "", null));
    afterTimeToLive(rows, orders, chains);
    print(rows);
    printTableBytes(orderTableBytes, chainTableBytes);
    printSteps(orders, chains);
  }

  /**
   * Storage after the history time to live: the clock is moved past the longest time to live of the order flow and
   * the history cleanup runs (as its nightly job would), so what a closed order leaves for good is measured — its
   * engine history is removed, the CRM's journey rows are the business record and stay.
   */
  private void afterTimeToLive(List<Row> rows, List<Run> orders, List<Run> chains) {
    long orderHistory = engineHistoryRows(orders);
    long chainHistory = engineHistoryRows(chains);
    long crmRows = crmRows(orders);
    int days = repository.createProcessDefinitionQuery().list().stream()
        .map(d -> d.getHistoryTimeToLive()).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).max()
        .orElse(0);
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(new java.util.Date(System.currentTimeMillis()
        + java.util.concurrent.TimeUnit.DAYS.toMillis(days + 1L)));
    try {
      history.cleanUpHistoryAsync(true);
      for (int round = 0; round < 200 && engineHistoryRows(orders) + engineHistoryRows(chains) > 0; round++) {
        history.findHistoryCleanupJobs().forEach(job -> management.executeJob(job.getId()));
      }
    } finally {
      org.camunda.bpm.engine.impl.util.ClockUtil.reset();
    }
    rows.add(new Row("closed order: engine history rows before the TTL", (double) orderHistory / ORDERS,
        (double) chainHistory / ORDERS, "/order", "", null));
    rows.add(new Row("closed order: engine history rows after the TTL (" + days + " d) and the cleanup",
        (double) engineHistoryRows(orders) / ORDERS, (double) engineHistoryRows(chains) / ORDERS, "/order", "0",
        null));
    rows.add(new Row("closed order: CRM record rows (journey, stages, tasks, activity), after vs before the cleanup",
        (double) crmRows(orders) / ORDERS, (double) crmRows / ORDERS, "/order", "unchanged by the cleanup", null));
  }

  private static final List<String> ENGINE_HISTORY = List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST",
      "ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_HI_IDENTITYLINK", "ACT_HI_JOB_LOG", "ACT_HI_OP_LOG", "ACT_HI_INCIDENT");

  private long engineHistoryRows(List<Run> runs) {
    List<String> instances = runs.stream().map(Run::processInstanceId).toList();
    long total = 0;
    for (String table : ENGINE_HISTORY) {
      for (String instance : instances) {
        total += jdbc.queryForObject("select count(*) from " + table + " where ROOT_PROC_INST_ID_ = ?", Long.class,
            instance);
      }
    }
    return total;
  }

  private long crmRows(List<Run> runs) {
    long total = 0;
    for (Run run : runs) {
      for (String table : List.of("crm_journey_events", "crm_order_stage_instances", "order_status_events", "tasks",
          "manager_activity_events")) {
        total += jdbc.queryForObject("select count(*) from " + table + " where order_id = ?", Long.class,
            run.orderId());
      }
    }
    return total;
  }

  private void deployBaselines(int transitions) {
    repository.createDeployment().name("benchmark baselines")
        .addModelInstance("bare-one.bpmn", Bpmn.createExecutableProcess("bare-one").camundaHistoryTimeToLive(1)
            .startEvent("StartEvent_Started").userTask("Task_Wait").camundaCandidateGroups("sales-managers")
            .endEvent("EndEvent_Done").done())
        .addModelInstance("bare-chain.bpmn", chain(transitions))
        .deploy();
    for (String key : List.of("bare-one", "bare-chain")) {
      var grant = authorizations.createNewAuthorization(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
      grant.setGroupId("sales-managers");
      grant.setResource(Resources.PROCESS_DEFINITION);
      grant.setResourceId(key);
      grant.addPermission(Permissions.READ);
      grant.addPermission(Permissions.CREATE_INSTANCE);
      authorizations.saveAuthorization(grant);
    }
  }

  private static org.camunda.bpm.model.bpmn.BpmnModelInstance chain(int tasks) {
    AbstractFlowNodeBuilder<?, ?> builder = Bpmn.createExecutableProcess("bare-chain").camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Started");
    for (int i = 1; i <= tasks; i++) {
      builder = builder.userTask("Task_" + i).camundaCandidateGroups("sales-managers");
    }
    return builder.endEvent("EndEvent_Done").done();
  }

  /** A bare chain: started over the engine REST API, every task claimed by anna and completed over it, as anna. */
  private Run driveChain() {
    List<Step> steps = new ArrayList<>();
    String[] instanceId = new String[1];
    Step started = record("start bare-chain", () -> {
      var response = call("anna", HttpMethod.POST, "/engine-rest/process-definition/key/bare-chain/start", Map.of());
      instanceId[0] = read(response).path("id").asText(null);
      return response;
    });
    steps.add(started);
    String instance = instanceId[0];
    if (instance == null) {
      throw new AssertionError("bare-chain did not start");
    }
    Task task;
    while ((task = taskService.createTaskQuery().processInstanceId(instance).singleResult()) != null) {
      String id = task.getId();
      Step done = record("complete " + task.getTaskDefinitionKey(), () -> {
        taskService.claim(id, "anna");
        return call("anna", HttpMethod.POST, "/engine-rest/task/" + id + "/complete", Map.of("variables", Map.of()));
      });
      if (done.sql().total() == 0) {
        throw new AssertionError("completion of " + id + " did nothing");
      }
      steps.add(done);
    }
    return new Run(0, instance, steps);
  }

  /** Rows in every table, or ({@code engineOnly}) in the engine's {@code ACT_*} tables. */
  private long rowsLeft(boolean engineOnly) {
    long total = 0;
    for (String table : jdbc.queryForList("select table_name from information_schema.tables where "
        + "lower(table_schema) in ('public') and lower(table_type) in ('base table', 'table')"
        + (engineOnly ? " and upper(table_name) like 'ACT\\_%' escape '\\'" : ""), String.class)) {
      total += jdbc.queryForObject("select count(*) from \"" + table + "\"", Long.class);
    }
    return total;
  }

  /** The size of every table of {@link #tableBytes}, or of the engine's {@code ACT_*}; null on H2. */
  private static Long bytesLeft(Map<String, Long> tables, boolean engineOnly) {
    return tables.isEmpty() ? null : tables.entrySet().stream()
        .filter(e -> !engineOnly || e.getKey().toUpperCase(java.util.Locale.ROOT).startsWith("ACT_"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /** On PostgreSQL each table's size with its indexes and TOAST; empty on H2. */
  private Map<String, Long> tableBytes() {
    Map<String, Long> sizes = new java.util.HashMap<>();
    try {
      jdbc.query("select c.relname, pg_total_relation_size(c.oid) from pg_class c join pg_namespace n on "
          + "n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'",
          (java.sql.ResultSet row) -> {
            sizes.put(row.getString(1), row.getLong(2));
          });
    } catch (Exception notPostgres) {
      sizes.clear();
    }
    return sizes;
  }

  /** Each step of an order beside a bare completion: statements, rows written and server CPU (means over the runs). */
  private static void printSteps(List<Run> orders, List<Run> chains) {
    StringBuilder out = new StringBuilder(String.format("%nper step (means): %-40s %10s %6s %14s%n", "step",
        "statements", "rows", "server CPU ms"));
    java.util.function.BiConsumer<String, java.util.stream.Stream<Step>> line = (name, steps) -> {
      List<Step> all = steps.toList();
      out.append(String.format("  %-57s %10.1f %6.1f %14.2f%n", name,
          all.stream().mapToLong(s -> s.sql().total()).average().orElse(0),
          all.stream().mapToLong(s -> s.sql().rowsWritten()).average().orElse(0),
          all.stream().mapToLong(s -> s.sql().serverCpuNanos()).average().orElse(0) / 1e6));
    };
    for (int step = 0; step < orders.get(0).steps().size(); step++) {
      int index = step;
      line.accept(orders.get(0).steps().get(step).name(), orders.stream().map(r -> r.steps().get(index)));
    }
    line.accept("bare chain: start", chains.stream().map(r -> r.steps().get(0)));
    line.accept("bare chain: a completion (claim included)", chains.stream().flatMap(r -> r.steps().stream().skip(1)));
    System.out.println(out);
  }

  /** Where a closed order's bytes went, beside a closed chain's: the tables that grew while each of them ran. */
  private static void printTableBytes(Map<String, Long> order, Map<String, Long> chain) {
    StringBuilder out = new StringBuilder(String.format("%nbytes left per closed order and chain by table (KB, "
        + "PostgreSQL):%n  %-40s %8s %8s%n", "table", "order", "chain"));
    order.entrySet().stream().filter(e -> e.getValue() > 0 || chain.getOrDefault(e.getKey(), 0L) > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> out.append(String.format("  %-40s %8.1f %8.1f%n", e.getKey(), e.getValue() / 1024.0 / ORDERS,
            chain.getOrDefault(e.getKey(), 0L) / 1024.0 / ORDERS)));
    System.out.println(out);
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static final int READ_ROUNDS = Integer.getInteger("order.benchmark.reads", 400);

  /** One read: its step and the JVM's CPU time while it ran (server and client, as for an order). */
  private record Read(Step step, long cpuNanos) {}

  /**
   * Every read once per round, in turn, so that load and the JIT's state change alike for all of them; the first
   * rounds warm up and are dropped.
   */
  private static Map<String, List<Read>> interleaved(Map<String, Supplier<Step>> readers) {
    Map<String, List<Read>> reads = new LinkedHashMap<>();
    readers.keySet().forEach(name -> reads.put(name, new ArrayList<>()));
    int warmUp = Math.max(5, READ_ROUNDS / 10);
    for (int round = 0; round < warmUp + READ_ROUNDS; round++) {
      for (var reader : readers.entrySet()) {
        long cpu = cpu();
        Step step = reader.getValue().get();
        if (round >= warmUp) {
          reads.get(reader.getKey()).add(new Read(step, cpu() - cpu));
        }
      }
    }
    return reads;
  }

  private static double p50(List<Read> reads) {
    return pct(reads.stream().mapToDouble(r -> r.step().nanos() / 1e6).toArray(), 50);
  }

  /**
   * The mean, not a percentile: the JVM counts its CPU time in clock ticks (10 ms here), so one read's share is 0 or
   * a tick; averaged over many reads that start at random points of a tick, it is the read's CPU.
   */
  private static double cpuMean(List<Read> reads) {
    return reads.stream().mapToDouble(r -> r.cpuNanos() / 1e6).average().orElse(0);
  }

  /** The mean CPU time of the reads' server threads (exact: the thread's own clock, the client not in it). */
  private static double serverCpu(List<Read> reads) {
    return reads.stream().mapToDouble(r -> r.step().sql().serverCpuNanos() / 1e6).average().orElse(0);
  }

  /** The median over runs of the CPU time their requests took on the server threads. */
  private static double serverCpuPerRun(List<Run> runs) {
    return pct(runs.stream().mapToDouble(r -> r.steps().stream().mapToLong(s -> s.sql().serverCpuNanos()).sum() / 1e6)
        .toArray(), 50);
  }

  private static double statements(List<Read> reads) {
    return reads.stream().mapToLong(r -> r.step().sql().total()).average().orElse(0);
  }

  private static double mean(List<Run> runs, int step, String verb) {
    return runs.stream().mapToLong(r -> verb == null ? r.steps().get(step).sql().total()
        : r.steps().get(step).sql().of(verb)).average().orElse(0);
  }

  /** The engine's share of a run's statements or rows ({@link Counts#engineStatements}), averaged over runs. */
  private static double engine(List<Run> runs, java.util.function.ToLongFunction<Counts> share) {
    return runs.stream().mapToLong(r -> r.steps().stream().mapToLong(s -> share.applyAsLong(s.sql())).sum())
        .average().orElse(0);
  }

  private static double perRun(List<Run> runs, String verb) {
    return runs.stream().mapToLong(r -> statements(r, verb)).average().orElse(0);
  }

  private static int indexOf(Run run, String name) {
    for (int i = 0; i < run.steps().size(); i++) {
      if (run.steps().get(i).name().equals(name)) {
        return i;
      }
    }
    return 0;
  }

  private static double pct(double[] values, int percentile) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private void print(List<Row> rows) throws Exception {
    StringBuilder table = new StringBuilder("\n| measure | CJM Flow | baseline | ratio | target |\n| --- | --: | --: | --: | --- |\n");
    ObjectNode out = json.createObjectNode();
    out.put("orders", ORDERS);
    out.put("database", jdbc.queryForObject("select 1", Integer.class) == 1 ? databaseName() : "?");
    out.put("at", java.time.Instant.now().toString());
    ArrayNode measures = out.putArray("measures");
    for (Row row : rows) {
      table.append("| ").append(row.measure()).append(row.unit().isEmpty() ? "" : " (" + row.unit() + ")")
          .append(" | ").append(format(row.cjm())).append(" | ").append(format(row.baseline())).append(" | ")
          .append(format(row.ratio())).append("× | ").append(row.target())
          .append(row.limit() != null && row.ratio() > row.limit() ? " **missed**" : "").append(" |\n");
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("measure", row.measure());
      values.put("unit", row.unit());
      values.put("cjmFlow", row.cjm());
      values.put("baseline", row.baseline());
      values.put("ratio", Double.isFinite(row.ratio()) ? row.ratio() : null);
      values.put("target", row.target());
      measures.add(json.valueToTree(values));
    }
    System.out.println(table);
    Path file = Path.of(System.getProperty("order.benchmark.out", "target/benchmark/order-cost.json"));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(out));
    System.out.println("written to " + file.toAbsolutePath());
  }

  private String databaseName() {
    try {
      return jdbc.getDataSource().getConnection().getMetaData().getDatabaseProductName();
    } catch (Exception e) {
      return "?";
    }
  }

  private static String format(double value) {
    return Double.isFinite(value) ? String.format(java.util.Locale.ROOT, "%.2f", value) : "∞";
  }
}
