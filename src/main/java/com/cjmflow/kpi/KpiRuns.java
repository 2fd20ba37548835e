package com.cjmflow.kpi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.cjmflow.platform.DomainException;

/**
 * Recompute runs: one at a time across nodes ({@link KpiLock}), recorded in {@code crm_kpi_runs} with their progress.
 * {@link #start} runs in the background (the bean {@value #EXECUTOR}, a {@link ThreadPoolTaskExecutor} from Boot's
 * builder that the context shuts down, waiting for a running recompute); {@link #runNow} runs in the caller's thread
 * (the nightly engine job).
 */
@Service
public class KpiRuns {

  static final String EXECUTOR = "kpiRecomputeExecutor";

  private static final Logger LOG = LoggerFactory.getLogger(KpiRuns.class);
  /** Longest range one run may recompute. */
  public static final int MAX_DAYS = 800;

  private final JdbcClient jdbc;
  private final KpiLock lock;
  private final KpiRecompute recompute;
  private final Clock clock;
  private final int horizonDays;
  private final ThreadPoolTaskExecutor executor;
  /** The background runs of this node, until they end (lets callers on this node wait for one). */
  private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
  /** Run bookkeeping commits on its own, also inside the nightly engine job's transaction. */
  private final TransactionTemplate ownTransaction;

  KpiRuns(JdbcClient jdbc, KpiLock lock, KpiRecompute recompute, Clock clock,
      PlatformTransactionManager transactions, KpiProperties settings,
      @Qualifier(EXECUTOR) ThreadPoolTaskExecutor executor) {
    this.executor = executor;
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.lock = lock;
    this.recompute = recompute;
    this.clock = clock;
    this.horizonDays = settings.horizonDays();
  }

  /** Today in the managers' zone. */
  public LocalDate today() {
    return clock.instant().atZone(recompute.zone()).toLocalDate();
  }

  /**
   * Starts a background run over {@code from}..{@code to} (defaults: the recent horizon up to today).
   *
   * @throws KpiRecomputeRunning while another run holds the lock; {@link DomainException.RuleViolation} for a range
   *     that ends before it starts or is too long
   */
  public KpiRun start(LocalDate from, LocalDate to, String managerId, String trigger, String requestedBy) {
    KpiRun run = begin(from, to, managerId, trigger, requestedBy)
        .orElseThrow(KpiRecomputeRunning::new);
    Future<?> future;
    try {
      future = executor.submit(() -> execute(run));
    } catch (RuntimeException shuttingDown) {
      lock.release(run.id());
      throw shuttingDown;
    }
    running.put(run.id(), future);
    running.values().removeIf(Future::isDone);
    return run;
  }

  /** Runs the recent horizon in this thread; empty when another run holds the lock (then nothing is done). */
  public Optional<KpiRun> runNow(String trigger) {
    Optional<KpiRun> run = begin(null, null, null, trigger, null);
    run.ifPresent(this::execute);
    return run.flatMap(r -> find(r.id()));
  }

  /** Waits until a run this node started in the background has ended (or {@code max} passed). */
  void await(String runId, Duration max) throws Exception {
    Future<?> future = running.get(runId);
    if (future != null) {
      future.get(max.toMillis(), TimeUnit.MILLISECONDS);
      running.remove(runId);
    }
  }

  public Optional<KpiRun> find(String runId) {
    return jdbc.sql("""
        select id, status, trigger_kind as "trigger", requested_by, range_from as "from", range_to as "to",
               manager_id, days_total, days_done, started_at, finished_at, error
          from crm_kpi_runs where id = ?""").param(runId).query(KpiRun.class).optional();
  }

  private Optional<KpiRun> begin(LocalDate from, LocalDate to, String managerId, String trigger, String by) {
    LocalDate end = to != null ? to : today();
    LocalDate start = from != null ? from : end.minusDays(horizonDays - 1L);
    if (end.isBefore(start)) {
      throw new DomainException.RuleViolation("'to' (" + end + ") is before 'from' (" + start + ")");
    }
    int days = (int) ChronoUnit.DAYS.between(start, end) + 1;
    if (days > MAX_DAYS) {
      throw new DomainException.RuleViolation("A run covers at most " + MAX_DAYS + " days, not " + days);
    }
    String id = UUID.randomUUID().toString();
    if (!lock.tryAcquire(id)) {
      return Optional.empty();
    }
    try {
      return ownTransaction.execute(status -> insert(id, start, end, days, managerId, trigger, by));
    } catch (RuntimeException e) {
      lock.release(id);
      throw e;
    }
  }

  private Optional<KpiRun> insert(String id, LocalDate start, LocalDate end, int days, String managerId,
      String trigger, String by) {
    jdbc.sql("""
        insert into crm_kpi_runs (id, status, trigger_kind, requested_by, range_from, range_to, manager_id,
          days_total, days_done, started_at) values (?, 'running', ?, ?, ?, ?, ?, ?, 0, ?)""")
        .params(id, trigger, by, start, end, managerId, days, now()).update();
    return find(id);
  }

  private void execute(KpiRun run) {
    try {
      Instant computedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      recompute.run(run.from(), run.to(), run.managerId(), computedAt,
          done -> ownTransaction.executeWithoutResult(s -> progress(run.id(), done)));
      ownTransaction.executeWithoutResult(s ->
          jdbc.sql("update crm_kpi_runs set status = 'done', finished_at = ? where id = ?").params(now(), run.id())
              .update());
    } catch (RuntimeException e) {
      LOG.error("KPI run {} failed", run.id(), e);
      String error = String.valueOf(e.getMessage());
      ownTransaction.executeWithoutResult(s -> jdbc.sql(
          "update crm_kpi_runs set status = 'failed', finished_at = ?, error = ? where id = ?")
          .params(now(), error.length() > 2000 ? error.substring(0, 2000) : error, run.id()).update());
    } finally {
      lock.release(run.id());
    }
  }

  private void progress(String runId, int daysDone) {
    jdbc.sql("update crm_kpi_runs set days_done = ? where id = ?").params(daysDone, runId).update();
    if (!lock.heartbeat(runId)) {
      LOG.warn("KPI run {} lost its lock (taken over as stale); it finishes its days all the same", runId);
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  /** The background runs' threads. On shutdown a running recompute finishes (up to a minute), not cut off mid-day. */
  @Configuration(proxyBeanMethods = false)
  static class RecomputeExecutor {

    @Bean(EXECUTOR)
    ThreadPoolTaskExecutor kpiRecomputeExecutor(ThreadPoolTaskExecutorBuilder executors) {
      return executors.threadNamePrefix("kpi-recompute-").corePoolSize(2).maxPoolSize(2)
          .awaitTermination(true).awaitTerminationPeriod(Duration.ofMinutes(1)).build();
    }
  }
}
