package com.cjmflow.operations;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.camunda.bpm.engine.ManagementService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.cjmflow.stage.StageEvents;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * The business meters (README "Operations"). Gauges read one snapshot that {@link #refresh()} takes with a handful
 * of aggregate queries (every {@code cjm.metrics.refresh-ms}, 15 s by default), so a scrape never hits the database;
 * stages are whatever the open stage instances name (the model lists them, not Java). SLA marks are counted after
 * their engine transaction commits.
 */
@Component
class BusinessMeters {

  private record Snapshot(Map<String, Long> ordersInStage, Map<String, Long> breachedInStage, long notificationsPending,
      long notificationsFailed, long eventsUnpublished, long eventsFailing, long jobsDue, long jobsFailed,
      long kpiRunsFailed, double kpiLastRunSeconds) {}

  private final JdbcClient jdbc;
  private final ManagementService management;
  private final MeterRegistry registry;
  private final MultiGauge ordersInStage;
  private final MultiGauge breachedInStage;
  private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

  BusinessMeters(JdbcClient jdbc, ManagementService management, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.management = management;
    this.registry = registry;
    this.ordersInStage = MultiGauge.builder("cjm.orders.in.stage")
        .description("Orders waiting in each stage now (open stage instances)").register(registry);
    this.breachedInStage = MultiGauge.builder("cjm.sla.breached.open")
        .description("Open stage instances past their SLA, per stage").register(registry);
    gauge("cjm.outbox.backlog", "Messages waiting in an outbox", Tags.of("outbox", "notifications"),
        Snapshot::notificationsPending);
    gauge("cjm.outbox.failed", "Messages an outbox gave up on or keeps failing", Tags.of("outbox", "notifications"),
        Snapshot::notificationsFailed);
    gauge("cjm.outbox.backlog", "Messages waiting in an outbox", Tags.of("outbox", "events"),
        Snapshot::eventsUnpublished);
    gauge("cjm.outbox.failed", "Messages an outbox gave up on or keeps failing", Tags.of("outbox", "events"),
        Snapshot::eventsFailing);
    gauge("cjm.jobs.due", "Engine jobs due now (job executor backlog)", Tags.empty(), Snapshot::jobsDue);
    gauge("cjm.jobs.failed", "Engine jobs without retries left (incidents)", Tags.empty(), Snapshot::jobsFailed);
    gauge("cjm.kpi.runs.failed", "KPI recompute runs that failed", Tags.empty(), Snapshot::kpiRunsFailed);
    Gauge.builder("cjm.kpi.last.run.duration", snapshot, s -> s.get() == null ? Double.NaN : s.get().kpiLastRunSeconds())
        .description("Duration of the last finished KPI recompute run").baseUnit("seconds").register(registry);
  }

  private void gauge(String name, String description, Tags tags, java.util.function.ToLongFunction<Snapshot> value) {
    Gauge.builder(name, snapshot, s -> s.get() == null ? Double.NaN : value.applyAsLong(s.get()))
        .description(description).tags(tags).register(registry);
  }

  /** Takes a new snapshot; scheduled, and callable by tests. */
  @Scheduled(initialDelayString = "${cjm.metrics.refresh-ms:15000}", fixedDelayString = "${cjm.metrics.refresh-ms:15000}")
  void refresh() {
    Map<String, Long> open = perStage("select stage, count(*) as orders from crm_order_stage_instances where "
        + "left_at is null group by stage");
    Map<String, Long> breached = perStage("select stage, count(*) as orders from crm_order_stage_instances where "
        + "left_at is null and is_sla_breached = true group by stage");
    Snapshot next = new Snapshot(open, breached,
        count("select count(*) from crm_notifications where status = 'pending'"),
        count("select count(*) from crm_notifications where status = 'failed'"),
        count("select count(*) from crm_event_outbox where published_at is null"),
        count("select count(*) from crm_event_outbox where published_at is null and attempts > 0"),
        management.createJobQuery().executable().count(),
        management.createJobQuery().noRetriesLeft().count(),
        count("select count(*) from crm_kpi_runs where status = 'failed'"),
        lastKpiRunSeconds());
    snapshot.set(next);
    ordersInStage.register(rows(open), true);
    breachedInStage.register(rows(breached), true);
  }

  /** A stage's SLA was marked (warning, breach, escalation): counted once its transaction has committed. */
  @TransactionalEventListener
  void slaMarked(StageEvents.SlaMarked marked) {
    Counter.builder("cjm.sla.marks").description("SLA warnings, breaches and escalations by stage")
        .tags("stage", marked.stage(), "kind", marked.kind()).register(registry).increment();
  }

  private static List<MultiGauge.Row<?>> rows(Map<String, Long> perStage) {
    return perStage.entrySet().stream()
        .<MultiGauge.Row<?>>map(entry -> MultiGauge.Row.of(Tags.of("stage", entry.getKey()), entry.getValue()))
        .toList();
  }

  /** Orders per stage: {@code sql} selects {@code stage} and {@code orders}. */
  private Map<String, Long> perStage(String sql) {
    record StageOrders(String stage, long orders) {}
    Map<String, Long> result = new java.util.TreeMap<>();
    jdbc.sql(sql).query(StageOrders.class).list().forEach(row -> result.put(row.stage(), row.orders()));
    return result;
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  private double lastKpiRunSeconds() {
    record Run(java.time.OffsetDateTime startedAt, java.time.OffsetDateTime finishedAt) {}
    return jdbc.sql("select started_at, finished_at from crm_kpi_runs where finished_at is not null "
            + "order by finished_at desc fetch first 1 rows only").query(Run.class).optional()
        .map(run -> java.time.Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0)
        .orElse(Double.NaN);
  }
}
