package com.cjmflow.benchmark;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;

import com.cjmflow.OrderCostSupport;
import com.cjmflow.SqlStatements;
import com.cjmflow.customers.Customers;
import com.cjmflow.orderflow.OrderFlow;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The SLA timer targets of issue #14, with the job executor running as in production (its settings from
 * application.yaml) and real due dates (no ClockUtil):
 * <ol>
 * <li><b>Lateness idle and at 70 % load.</b> First the service's capacity: complete orders driven over the REST API
 * (booking, every task submitted as its role, the payment message) by {@code timer.benchmark.capacity-threads}
 * closed-loop clients for {@code timer.benchmark.capacity-seconds}; a step is one such request. Then twice (idle, and
 * with the same kind of orders driven open-loop at 70 % of that rate) {@code timer.benchmark.timer-orders} real
 * orders are booked and left at "Confirm booking", whose SLA ladder (warning, breach, level-2 escalation) falls due
 * over the following minute: the process owner deploys a {@code stage-sla} version whose "booked" rows have a
 * 30-second budget on the around-the-clock calendar (warning at half of it, level 2 15 s after the breach). Lateness
 * of a rung = the time its journey event records (written by the SLA listener when the job runs) minus the job's due
 * date (job log).</li>
 * <li><b>Burst.</b> {@code timer.benchmark.burst} (10,000) timers due at once, twice in the same engine: boundary
 * timers of a bare process that lead to an end event (no-op), and the SLA rungs of as many real orders booked through
 * {@link OrderFlow#book} (the facade the booking endpoint calls) at "Confirm booking" with a 1-second budget. Their
 * job definitions are suspended while the timers are created (as an operator does in Cockpit), so that they are all
 * overdue when released. The warning, the first rung of every stage visit, is released ({@code
 * -Dtimer.benchmark.rungs=Warning,Breached,Escalated} releases the breaches the warnings armed and then the
 * escalations, each on its own). Before each release five of the timers are run in the test thread with their SQL
 * statements counted and their CPU time taken (the cost per timer; statements of background threads running at the
 * same moment are counted too). Drain rate = timers / (last successful execution in the job log − release). None
 * fired twice: one
 * successful job-log entry per job, one boundary-event instance per order and rung, one journey event and one
 * notification per order and rung, no failed job, no incident.</li>
 * </ol>
 * Prints one table and writes it as JSON to {@code target/benchmark/timers.json} ({@code -Dtimer.benchmark.out=…}).
 * Not part of ./mvnw verify; see README "Benchmarks". Its own Spring context: the shared one runs without the job
 * executor.
 */
@Tag("benchmark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"cjm.demo-data.enabled=true", "cjm.notifications.dispatcher.enabled=false",
        "spring.mail.host=127.0.0.1"})
class TimerLoadBenchmark extends OrderCostSupport {

  private static final int CAPACITY_THREADS = Integer.getInteger("timer.benchmark.capacity-threads", 4);
  private static final int CAPACITY_SECONDS = Integer.getInteger("timer.benchmark.capacity-seconds", 20);
  private static final int LOAD_THREADS = Integer.getInteger("timer.benchmark.load-threads", 8);
  private static final double LOAD_SHARE = Double.parseDouble(System.getProperty("timer.benchmark.load", "0.7"));
  private static final int TIMER_ORDERS = Integer.getInteger("timer.benchmark.timer-orders", 100);
  private static final int BURST = Integer.getInteger("timer.benchmark.burst", 10_000);
  private static final int BOOKING_THREADS = Integer.getInteger("timer.benchmark.booking-threads", 3);
  private static final String WAIT_STATE = "Task_ConfirmBooking";
  private static final List<String> RUNGS = List.of("Warning", "Breached", "Escalated");
  /** The rungs released one after the other: the first (every stage visit has it), or more, in ladder order. */
  private static final List<String> RELEASED = List.of(System.getProperty("timer.benchmark.rungs", "Warning")
      .split(","));
  private static final Map<String, String> JOURNEY = Map.of("Warning", "sla_warned", "Breached", "sla_breached",
      "Escalated", "sla_escalated");
  private static final Map<String, String> NOTIFICATION = Map.of("Warning", "sla_warning", "Breached", "sla_breach",
      "Escalated", "sla_escalation");

  @Autowired RepositoryService repository;
  @Autowired OrderFlow orderFlow;

  private static final List<Map<String, Object>> ROWS = Collections.synchronizedList(new ArrayList<>());

  // ---------------------------------------------------------------------------------------------------------------
  // 1. lateness idle and at 70 % load

  @Test
  @Order(1)
  void latenessIdleAndAtSeventyPercentLoad() throws Exception {
    activateOrderFlowTimers(); // a burst run before on the same database may have left rungs suspended
    deployBookedSla("PT30S", 0.5, "PT15S");
    driveOrder("timer-warmup-" + System.nanoTime());
    try (Load warmup = new Load(0, CAPACITY_THREADS)) {
      Thread.sleep(5_000);
    }
    double capacity;
    try (Load closedLoop = new Load(0, CAPACITY_THREADS)) {
      Thread.sleep(CAPACITY_SECONDS * 1000L);
      capacity = closedLoop.rate();
      row("capacity: order steps/s over REST, " + CAPACITY_THREADS + " closed-loop clients, " + CAPACITY_SECONDS
          + " s", capacity, "steps/s", "", null, closedLoop.summary());
    }
    Phase idle = timerPhase(0);
    row("lateness idle p50", idle.pct(50), "ms", "", null, idle.summary());
    row("lateness idle p99", idle.pct(99), "ms", "≤ 1000", 1000.0, null);
    row("lateness idle max", idle.max(), "ms", "", null, null);
    Phase loaded = timerPhase(LOAD_SHARE * capacity);
    row("lateness at " + Math.round(LOAD_SHARE * 100) + " % load p50", loaded.pct(50), "ms", "", null,
        loaded.summary());
    row("lateness at " + Math.round(LOAD_SHARE * 100) + " % load p99", loaded.pct(99), "ms", "≤ 2000", 2000.0, null);
    row("lateness at " + Math.round(LOAD_SHARE * 100) + " % load max", loaded.max(), "ms", "", null, null);
    write("lateness");
  }

  /** Lateness of the SLA rungs of {@link #TIMER_ORDERS} parked orders, while orders are driven at {@code rate}. */
  private Phase timerPhase(double rate) throws Exception {
    List<Long> orders = new ArrayList<>();
    List<String> instances = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < TIMER_ORDERS; i++) { // 10 a second, so the rungs fall due 10 a second each
      sleepUntil(start + i * 100_000_000L);
      var booked = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders",
          booking("timer-parked-" + System.nanoTime(), false, false)));
      orders.add(booked.get("orderId").asLong());
      instances.add(booked.get("processInstanceId").asText());
    }
    Instant lastDue = Instant.now().plusSeconds(30 + 15);
    Load load = rate > 0 ? new Load(rate, LOAD_THREADS) : null;
    try {
      sleepUntilInstant(lastDue.plusSeconds(3));
    } finally {
      if (load != null) {
        load.close();
      }
    }
    Instant deadline = Instant.now().plusSeconds(60);
    while (firedRungs(instances) < 3L * instances.size() && Instant.now().isBefore(deadline)) {
      Thread.sleep(250);
    }
    Phase phase = new Phase(rate, load == null ? 0 : load.rate(), load == null ? "" : load.summary(),
        lateness(orders, instances), 3 * instances.size(), firedTwice(instances));
    System.out.println("TIMER PHASE " + phase.summary());
    return phase;
  }

  private long firedRungs(List<String> instances) {
    return jdbc.queryForObject("select count(*) from ACT_HI_JOB_LOG where JOB_STATE_ = 2 and ACT_ID_ like ? and "
        + "PROCESS_INSTANCE_ID_ in (" + placeholders(instances.size()) + ")", Long.class,
        concat("BoundaryEvent_ConfirmBookingSla%", instances));
  }

  /** Journey time of each rung minus its job's due date, in ms. */
  private List<Long> lateness(List<Long> orders, List<String> instances) {
    Map<String, Long> orderOf = new HashMap<>();
    for (int i = 0; i < orders.size(); i++) {
      orderOf.put(instances.get(i), orders.get(i));
    }
    Map<String, Instant> due = new HashMap<>();
    jdbc.query("select PROCESS_INSTANCE_ID_, ACT_ID_, JOB_DUEDATE_ from ACT_HI_JOB_LOG where JOB_STATE_ = 2 and "
        + "PROCESS_INSTANCE_ID_ in (" + placeholders(instances.size()) + ")", rs -> {
          String rung = rungOf(rs.getString(2));
          if (rung != null) {
            due.put(orderOf.get(rs.getString(1)) + ":" + JOURNEY.get(rung), rs.getTimestamp(3).toInstant());
          }
        }, instances.toArray());
    List<Long> late = new ArrayList<>();
    jdbc.query("select order_id, event_type, occurred_at from crm_journey_events where event_type like 'sla_%' and "
        + "order_id in (" + placeholders(orders.size()) + ")", rs -> {
          Instant dueAt = due.get(rs.getLong(1) + ":" + rs.getString(2));
          if (dueAt != null) {
            late.add(Duration.between(dueAt, rs.getTimestamp(3).toInstant()).toMillis());
          }
        }, orders.toArray());
    Collections.sort(late);
    return late;
  }

  /** Rungs (process instance and boundary event) that ran more than once. */
  private long firedTwice(List<String> instances) {
    return jdbc.queryForObject("select count(*) from (select PROC_INST_ID_, ACT_ID_ from ACT_HI_ACTINST where "
        + "ACT_ID_ like ? and PROC_INST_ID_ in (" + placeholders(instances.size()) + ") group by PROC_INST_ID_, "
        + "ACT_ID_ having count(*) > 1) twice", Long.class, concat("BoundaryEvent_ConfirmBookingSla%", instances));
  }

  private record Phase(double rate, double achieved, String load, List<Long> late, int expected, long twice) {
    double pct(int p) {
      return late.isEmpty() ? -1 : late.get(Math.max(0, Math.min(late.size() - 1,
          (int) Math.ceil(p / 100.0 * late.size()) - 1)));
    }

    double max() {
      return late.isEmpty() ? -1 : late.get(late.size() - 1);
    }

    String summary() {
      return String.format(Locale.ROOT, "%d of %d rungs fired (fired twice: %d); load %.1f steps/s asked, %.1f done%s",
          late.size(), expected, twice, rate, achieved, load.isEmpty() ? "" : " (" + load + ")");
    }
  }

  /**
   * Orders driven over the REST API by {@code threads} clients, each working its own order step by step from
   * booking to closed. {@code rate} > 0: steps start on a fixed schedule of that many a second (open loop);
   * 0: as fast as they can (closed loop).
   */
  private final class Load implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong slots = new AtomicLong();
    private final AtomicLong steps = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final List<Long> micros = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService pool;
    private final List<Future<?>> workers = new ArrayList<>();
    private final double rate;
    private final long started = System.nanoTime();
    private long stopped;

    Load(double rate, int threads) {
      this.rate = rate;
      this.pool = Executors.newFixedThreadPool(threads);
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(this::work));
      }
    }

    private void work() {
      while (!stop.get()) {
        try {
          gate();
          long t0 = System.nanoTime();
          var booked = call("booking", HttpMethod.POST, "/api/v1/crm/orders",
              booking("timer-load-" + System.nanoTime(), false, false));
          count(t0, booked.getStatusCode().value() == 201);
          long orderId = read(booked).get("orderId").asLong();
          String instance = read(booked).get("processInstanceId").asText();
          for (Object[] task : PATH) {
            if (stop.get()) {
              return;
            }
            var step = prepare(orderId, instance, task);
            gate();
            t0 = System.nanoTime();
            count(t0, step.get().getStatusCode().is2xxSuccessful());
          }
        } catch (Throwable failed) {
          errors.incrementAndGet();
        }
      }
    }

    private void count(long t0, boolean ok) {
      micros.add((System.nanoTime() - t0) / 1000);
      steps.incrementAndGet();
      if (!ok) {
        errors.incrementAndGet();
      }
    }

    private void gate() throws InterruptedException {
      if (rate > 0) {
        sleepUntil(started + (long) (slots.getAndIncrement() * 1e9 / rate));
      }
    }

    double rate() {
      long end = stopped == 0 ? System.nanoTime() : stopped;
      return steps.get() / ((end - started) / 1e9);
    }

    String summary() {
      List<Long> sorted;
      synchronized (micros) {
        sorted = new ArrayList<>(micros);
      }
      Collections.sort(sorted);
      return String.format(Locale.ROOT, "%d steps, %d errors, step latency p50 %.0f ms, p99 %.0f ms", steps.get(),
          errors.get(), pctMicros(sorted, 50) / 1000.0, pctMicros(sorted, 99) / 1000.0);
    }

    @Override
    public void close() throws InterruptedException {
      stopped = System.nanoTime();
      stop.set(true);
      pool.shutdown();
      pool.awaitTermination(2, TimeUnit.MINUTES);
    }
  }

  private static double pctMicros(List<Long> sorted, int p) {
    return sorted.isEmpty() ? -1 : sorted.get(Math.max(0, Math.min(sorted.size() - 1,
        (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 2. the 10,000-timer burst

  @Test
  @Order(2)
  void tenThousandTimerBurst() throws Exception {
    // no-op: a bare process whose task carries a non-interrupting boundary timer to an end event
    repository.createDeployment().name("timer burst baseline").addModelInstance("timer-noop.bpmn",
        Bpmn.createExecutableProcess("timer-noop").camundaHistoryTimeToLive(1).startEvent("StartEvent_Started")
            .userTask("Task_Wait").boundaryEvent("BoundaryEvent_Due").cancelActivity(false).timerWithDate("${due}")
            .endEvent("EndEvent_Fired").moveToActivity("Task_Wait").endEvent("EndEvent_Done").done()).deploy();
    String noop = jobDefinition("timer-noop", "BoundaryEvent_Due").getId();
    management.suspendJobDefinitionById(noop, true);
    Instant creating = Instant.now();
    Date due = Date.from(Instant.now());
    for (int i = 0; i < BURST; i++) {
      engineRuntime.startProcessInstanceByKey("timer-noop", Map.of("due", due));
    }
    double noopSetup = seconds(creating);

    // real orders at "Confirm booking" with a 1-second budget: every rung is overdue when released
    deployBookedSla("PT1S", 0.5, "PT1S");
    Map<String, String> rungs = new LinkedHashMap<>();
    for (String rung : RUNGS) {
      String id = jobDefinition("order-flow", "BoundaryEvent_ConfirmBookingSla" + rung).getId();
      management.suspendJobDefinitionById(id, true);
      rungs.put(rung, id);
    }
    creating = Instant.now();
    List<Long> orders;
    try {
      orders = bookOrders(BURST);
    } catch (Exception | Error e) {
      activateOrderFlowTimers();
      throw e;
    }
    double bookingSetup = seconds(creating);
    Thread.sleep(3_000); // every rung of the last order due

    Burst baseline = release("no-op boundary timer", noop);
    row("burst: no-op timers/s", baseline.rate(), "timers/s", "", null, baseline.summary()
        + String.format(Locale.ROOT, "; %d instances created in %.0f s", BURST, noopSetup));
    for (Map.Entry<String, String> rung : rungs.entrySet()) {
      if (!RELEASED.contains(rung.getKey())) {
        continue;
      }
      Burst sla = release("SLA " + rung.getKey().toLowerCase(Locale.ROOT), rung.getValue());
      long journeys = perOrder("crm_journey_events", "event_type", JOURNEY.get(rung.getKey()), orders);
      long mails = perOrder("crm_notifications", "kind", NOTIFICATION.get(rung.getKey()), orders);
      long twice = jdbc.queryForObject("select count(*) from (select PROC_INST_ID_ from ACT_HI_ACTINST where ACT_ID_ = ? "
          + "group by PROC_INST_ID_ having count(*) > 1) twice", Long.class,
          "BoundaryEvent_ConfirmBookingSla" + rung.getKey());
      row("burst: SLA " + rung.getKey().toLowerCase(Locale.ROOT) + " rung vs no-op", sla.rate() / baseline.rate(),
          "×", "≥ 0.5", 0.5, sla.summary() + String.format(Locale.ROOT,
              "; orders with one journey event %d, with one notification %d (of %d); boundary events run twice %d",
              journeys, mails, orders.size(), twice));
    }
    activateOrderFlowTimers(); // the rungs not released here run now, in the background
    row("burst: failed jobs / incidents", jdbc.queryForObject("select count(*) from ACT_HI_JOB_LOG where JOB_STATE_ = 1",
        Long.class), "", "0", null, "incidents " + jdbc.queryForObject("select count(*) from ACT_RU_INCIDENT",
        Long.class) + String.format(Locale.ROOT, "; %d orders booked in %.0f s", orders.size(), bookingSetup));
    write("burst");
  }

  private static final Map<String, String> COSTS = new HashMap<>();

  private record Burst(String what, long timers, double seconds, long successes, long jobsRunTwice, long failed,
      String cost) {
    double rate() {
      return timers / seconds;
    }

    String summary() {
      return String.format(Locale.ROOT, "%s: %d timers drained in %.1f s (%.0f/s); successful executions %d, jobs run "
          + "twice %d, failed executions %d; %s", what, timers, seconds, rate(), successes, jobsRunTwice, failed, cost);
    }
  }

  /**
   * Releases the overdue timers of a suspended job definition and waits until the job executor ran them all. One of
   * them is first run in this thread, with its SQL statements counted and its CPU time taken (the cost per timer).
   */
  private Burst release(String what, String jobDefinitionId) throws InterruptedException {
    // the samples stay suspended: the job executor never takes them, this thread runs them (ManagementService)
    List<String> samples = management.createJobQuery().jobDefinitionId(jobDefinitionId).listPage(0, 5).stream()
        .map(org.camunda.bpm.engine.runtime.Job::getId).toList();
    var threads = ManagementFactory.getThreadMXBean();
    List<Double> cpus = new ArrayList<>();
    SqlStatements.Counts counts = null;
    for (String sample : samples) {
      long cpu = threads.getCurrentThreadCpuTime();
      counts = SqlStatements.record(() -> {
        management.executeJob(sample);
        return sample;
      }).getValue();
      cpus.add((threads.getCurrentThreadCpuTime() - cpu) / 1e6);
    }
    Collections.sort(cpus);
    double cpuMs = cpus.get(cpus.size() / 2);
    List<Map.Entry<String, Long>> top = new ArrayList<>(counts.byStatement().entrySet());
    top.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    System.out.printf(Locale.ROOT, "TIMER COST %s: one timer %d statements, %d rows written, %.1f ms CPU (median of "
        + "%d); top: %s%n", what, counts.total(), counts.rowsWritten(), cpuMs, cpus.size(),
        top.subList(0, Math.min(40, top.size())));
    COSTS.put(what, String.format(Locale.ROOT, "one timer run in the test thread: %d statements, %d rows written, "
        + "%.1f ms CPU", counts.total(), counts.rowsWritten(), cpuMs));
    long timers = jobs(jobDefinitionId);
    Instant released = Instant.now();
    management.activateJobDefinitionById(jobDefinitionId, true);
    Instant deadline = released.plus(Duration.ofMinutes(20));
    while (jobs(jobDefinitionId) > 0 && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
    }
    Timestamp since = Timestamp.from(released);
    Timestamp last = jdbc.queryForObject("select max(TIMESTAMP_) from ACT_HI_JOB_LOG where JOB_DEF_ID_ = ? and "
        + "JOB_STATE_ = 2", Timestamp.class, jobDefinitionId);
    double seconds = Duration.between(released, last.toInstant()).toMillis() / 1000.0;
    long successes = jdbc.queryForObject("select count(*) from ACT_HI_JOB_LOG where JOB_DEF_ID_ = ? and JOB_STATE_ = 2 "
        + "and TIMESTAMP_ >= ?", Long.class, jobDefinitionId, since);
    long twice = jdbc.queryForObject("select count(*) from (select JOB_ID_ from ACT_HI_JOB_LOG where JOB_DEF_ID_ = ? "
        + "and JOB_STATE_ = 2 group by JOB_ID_ having count(*) > 1) twice", Long.class, jobDefinitionId);
    long failed = jdbc.queryForObject("select count(*) from ACT_HI_JOB_LOG where JOB_DEF_ID_ = ? and JOB_STATE_ = 1",
        Long.class, jobDefinitionId);
    Burst burst = new Burst(what, timers, seconds, successes, twice, failed, COSTS.get(what));
    System.out.println("TIMER BURST " + burst.summary() + "; load average " + loadAverage());
    return burst;
  }

  private long jobs(String jobDefinitionId) {
    return jdbc.queryForObject("select count(*) from ACT_RU_JOB where JOB_DEF_ID_ = ?", Long.class, jobDefinitionId);
  }

  /** Books {@code count} orders through the booking facade, in a few threads. */
  private List<Long> bookOrders(int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(BOOKING_THREADS);
    List<Future<Long>> booked = new ArrayList<>();
    long run = System.nanoTime();
    for (int i = 0; i < count; i++) {
      int n = i;
      booked.add(pool.submit(() -> orderFlow.book(new OrderFlow.NewOrder("timer-burst-" + run + "-" + n,
          new Customers.Contact("Burst Client " + n % 500, "burst" + n % 500 + "@example.ru",
              "+7 900 100-" + String.format("%02d-%02d", n % 500 / 100, n % 100), "standard"),
          "Canyon Ultimate CF SL 2022", "DE", new BigDecimal("1850"), false, false)).orderId()));
    }
    List<Long> orders = new ArrayList<>();
    for (Future<Long> order : booked) {
      orders.add(order.get());
      if (orders.size() % 1000 == 0) {
        System.out.println("TIMER BURST booked " + orders.size() + " orders; load average " + loadAverage());
      }
    }
    pool.shutdown();
    return orders;
  }

  /** How many of the orders have exactly one row of this kind. */
  private long perOrder(String table, String column, String value, List<Long> orders) {
    long min = Collections.min(orders);
    long max = Collections.max(orders);
    return jdbc.queryForObject("select count(*) from (select order_id from " + table + " where " + column + " = ? "
        + "and order_id between ? and ? group by order_id having count(*) = 1) once", Long.class, value, min, max);
  }

  /** Activates the SLA rungs of "Confirm booking" (and their jobs) of the deployed order flow. */
  private void activateOrderFlowTimers() {
    for (String rung : RUNGS) {
      management.activateJobDefinitionById(jobDefinition("order-flow", "BoundaryEvent_ConfirmBookingSla" + rung)
          .getId(), true);
    }
  }

  private JobDefinition jobDefinition(String processKey, String activityId) {
    String definition = repository.createProcessDefinitionQuery().processDefinitionKey(processKey).latestVersion()
        .singleResult().getId();
    return management.createJobDefinitionQuery().processDefinitionId(definition).activityIdIn(activityId)
        .singleResult();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // shared

  /** The process owner deploys stage-sla with the "booked" rows changed: budget, warning share, escalation. */
  private void deployBookedSla(String budget, double warnAt, String escalateAfter) throws Exception {
    String dmn;
    try (InputStream in = new ClassPathResource("dmn/stage-sla.dmn").getInputStream()) {
      dmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Matcher rules = Pattern.compile("<rule id=\"Rule_Booked(Vip)?\">.*?</rule>", Pattern.DOTALL).matcher(dmn);
    StringBuilder changed = new StringBuilder();
    while (rules.find()) {
      String rule = rules.group()
          .replaceAll("(_Duration\"><text>)[^<]*", "$1\"" + budget + "\"")
          .replaceAll("(_Calendar\"><text>)[^<]*", "$1\"always\"")
          .replaceAll("(_WarnAt\"><text>)[^<]*", "$1" + warnAt)
          .replaceAll("(_EscalateAfter\"><text>)[^<]*", "$1\"" + escalateAfter + "\"");
      rules.appendReplacement(changed, Matcher.quoteReplacement(rule));
    }
    rules.appendTail(changed);
    repository.createDeployment().name("timer benchmark sla " + budget)
        .addString("stage-sla.dmn", changed.toString()).deploy();
  }

  private void row(String measure, double value, String unit, String target, Double limit, String details) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("measure", measure);
    row.put("value", value);
    row.put("unit", unit);
    row.put("target", target);
    row.put("met", limit == null ? null : unit.equals("×") ? value >= limit : value <= limit);
    row.put("details", details);
    ROWS.add(row);
  }

  private void write(String part) throws Exception {
    StringBuilder table = new StringBuilder("\n| measure | value | target | details |\n| --- | --: | --- | --- |\n");
    for (Map<String, Object> row : ROWS) {
      table.append("| ").append(row.get("measure")).append(" | ")
          .append(String.format(Locale.ROOT, "%.2f", (Double) row.get("value"))).append(' ').append(row.get("unit"))
          .append(" | ").append(row.get("target"))
          .append(Boolean.FALSE.equals(row.get("met")) ? " **missed**" : "").append(" | ")
          .append(row.get("details") == null ? "" : row.get("details")).append(" |\n");
    }
    System.out.println(table);
    ObjectNode out = json.createObjectNode();
    out.put("part", part);
    out.put("database", jdbc.getDataSource().getConnection().getMetaData().getDatabaseProductName());
    out.put("at", Instant.now().toString());
    out.put("loadAverage", loadAverage());
    out.set("measures", json.valueToTree(ROWS));
    Path file = Path.of(System.getProperty("timer.benchmark.out", "target/benchmark/timers.json"));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(out));
    System.out.println("written to " + file.toAbsolutePath() + "; load average " + loadAverage());
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static String rungOf(String activityId) {
    for (String rung : RUNGS) {
      if (("BoundaryEvent_ConfirmBookingSla" + rung).equals(activityId)) {
        return rung;
      }
    }
    return null;
  }

  private static String placeholders(int n) {
    return String.join(",", Collections.nCopies(n, "?"));
  }

  private static Object[] concat(Object first, List<String> rest) {
    List<Object> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all.toArray();
  }

  private static double seconds(Instant since) {
    return Duration.between(since, Instant.now()).toMillis() / 1000.0;
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long wait = nanos - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private static void sleepUntilInstant(Instant at) throws InterruptedException {
    long wait = Duration.between(Instant.now(), at).toMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }
}
