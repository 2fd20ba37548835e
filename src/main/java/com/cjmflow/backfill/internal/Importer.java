package com.cjmflow.backfill.internal;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.cjmflow.activity.ActivityImport;
import com.cjmflow.backfill.BackfillProgress;
import com.cjmflow.backfill.BackfillProperties;
import com.cjmflow.kpi.KpiRuns;
import com.cjmflow.kpi.KpiStalls;
import com.cjmflow.orderflow.OrderResumption;
import com.cjmflow.stage.StageHistoryImport;

/**
 * The six steps of seed 000 §9 over one legacy file: schema (Flyway ran at start-up), staff, applications → leads,
 * the CJM backfill (customers, orders with history, money, logistics, follow-ups, cases), in-flight orders resumed
 * at their stage, manager activity, stall flags, KPI for the recent horizon. The CRM rows commit in one transaction
 * (all or nothing); process instances start in batches of a few hundred per transaction.
 */
@Component
public class Importer {

  public static final List<String> STEPS = List.of("schema", "read", "users", "customers", "orders", "payments",
      "shipments", "followups", "cases", "leads", "processes", "activity", "stalls", "kpi");

  private final BackfillProperties settings;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final UserStep users;
  private final CustomerStep customers;
  private final OrderStep orders;
  private final MoneyStep money;
  private final CaseStep cases;
  private final LeadStep leads;
  private final OrderResumption resumption;
  private final StageHistoryImport history;
  private final ActivityImport activity;
  private final KpiStalls stalls;
  private final KpiRuns kpi;

  Importer(BackfillProperties settings, JdbcTemplate jdbc, TransactionTemplate transaction, UserStep users,
      CustomerStep customers, OrderStep orders, MoneyStep money, CaseStep cases, LeadStep leads,
      OrderResumption resumption, StageHistoryImport history, ActivityImport activity, KpiStalls stalls, KpiRuns kpi) {
    this.settings = settings;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.users = users;
    this.customers = customers;
    this.orders = orders;
    this.money = money;
    this.cases = cases;
    this.leads = leads;
    this.resumption = resumption;
    this.history = history;
    this.activity = activity;
    this.stalls = stalls;
    this.kpi = kpi;
  }

  public Report run(String runId, Path source, String system, OffsetDateTime now, BackfillProgress progress) {
    Report report = new Report();
    Timer timer = new Timer(report, progress);
    timer.step("schema", this::schemaVersion);
    LegacyDatabase legacy = timer.value("read", () -> LegacyDatabase.read(source),
        db -> db.table("orders").size() + " orders, " + db.table("order_status_events").size() + " status events"
            + (db.missingTables().isEmpty() ? "" : "; tables missing: " + db.missingTables()));
    for (String table : LegacyDatabase.TABLES) {
      report.read(table, legacy.table(table).size());
    }
    Run run = new Run(runId, system, legacy, report, now, settings.statusAliases(),
        resumption.waitStates());
    timer.step("users", () -> {
      users.run(run, settings.roleGroups());
      return report.counts("users").imported + " Camunda users created";
    });
    transaction.executeWithoutResult(status -> {
      timer.step("customers", () -> {
        customers.run(run);
        return report.figures().get("customers_after_merge") + " customers after merge";
      });
      timer.step("orders", () -> {
        orders.run(run);
        return report.counts("orders").imported + " orders, " + report.counts("order_status_events").imported
            + " status events, " + report.figures().get("stage_instances_closed") + " closed stage instances";
      });
      timer.step("payments", () -> {
        money.payments(run);
        return report.counts("payments").imported + " payments";
      });
      timer.step("shipments", () -> {
        money.shipments(run);
        return report.counts("shipments").imported + " shipments";
      });
      timer.step("followups", () -> {
        cases.followups(run);
        return report.counts("tasks").imported + " follow-ups";
      });
      timer.step("cases", () -> {
        cases.cases(run);
        cases.requests(run, "refund_requests", true);
        cases.requests(run, "compensation_requests", false);
        return report.counts("order_cases").imported + " cases";
      });
      timer.step("leads", () -> {
        leads.run(run);
        return report.counts("leads").imported + report.counts("applications").imported + " leads";
      });
    });
    timer.step("processes", () -> resume(run, timer));
    timer.step("activity", () -> {
      transaction.executeWithoutResult(status -> activity.insert(run.actions));
      report.counts("manager_activity").imported += run.actions.size();
      return run.actions.size() + " status changes by managers";
    });
    timer.step("stalls", () -> {
      KpiStalls.Refresh refresh = stalls.refresh(now.toInstant());
      return refresh.stalled() + " of " + refresh.openStages() + " open stages stalled";
    });
    timer.step("kpi", () -> kpi.runNow("backfill").map(r -> "KPI run " + r.id() + " " + r.status())
        .orElse("skipped: another KPI run holds the lock"));
    return report;
  }

  /** Flyway migrated the schema at start-up (bootstraps an empty database); which version it is at. */
  private String schemaVersion() {
    try {
      return "schema at Flyway version " + jdbc.queryForObject("select \"version\" from \"flyway_schema_history\""
          + " where \"success\" order by \"installed_rank\" desc fetch first 1 rows only", String.class);
    } catch (org.springframework.dao.DataAccessException noHistory) {
      return "schema present (no Flyway history table)";
    }
  }

  /** In-flight orders imported by this run and orders imported before whose process never started. */
  private String resume(Run run, Timer timer) {
    List<OrderResumption.Resume> todo = run.resumes();
    int batch = Math.max(1, settings.processBatch());
    int started = 0;
    for (int from = 0; from < todo.size(); from += batch) {
      List<OrderResumption.Resume> chunk = todo.subList(from, Math.min(todo.size(), from + batch));
      transaction.executeWithoutResult(status -> resumption.start(run.model, chunk));
      started += chunk.size();
      timer.progress("processes", started + " of " + todo.size() + " process instances started");
    }
    List<OrderResumption.Resume> moves = run.moves;
    for (int from = 0; from < moves.size(); from += batch) {
      List<OrderResumption.Resume> chunk = moves.subList(from, Math.min(moves.size(), from + batch));
      transaction.executeWithoutResult(status -> resumption.move(run.model, chunk));
      timer.progress("processes", (from + chunk.size()) + " of " + moves.size() + " processes moved on");
    }
    transaction.executeWithoutResult(status -> resumption.end(run.ends));
    List<Long> ids = new ArrayList<>();
    todo.forEach(r -> ids.add(r.orderId()));
    moves.forEach(r -> ids.add(r.orderId()));
    List<StageHistoryImport.Overdue> overdue = transaction.execute(status -> {
      List<StageHistoryImport.Overdue> flagged = history.flagOverdue(ids, run.now());
      List<StageHistoryImport.JourneyEvent> events = new ArrayList<>();
      Map<Long, Long> customerOf = new java.util.HashMap<>();
      run.orders.forEach((legacy, order) -> customerOf.put(order, run.orderCustomers.get(legacy)));
      for (StageHistoryImport.Overdue o : flagged) {
        events.add(new StageHistoryImport.JourneyEvent(o.orderId(), customerOf.get(o.orderId()), "sla_breached",
            o.stage(), null, null, "system", "SLA was due " + o.dueAt() + ", before the order was imported",
            o.dueAt()));
      }
      history.insertJourneyEvents(events);
      return flagged;
    });
    run.report().figure("processes_started", started);
    run.report().figure("overdue_at_import", overdue.size());
    run.report().figure("processes_moved", moves.size());
    run.report().figure("processes_ended", run.ends.size());
    return started + " process instances started at their stage, " + moves.size() + " moved on, " + run.ends.size()
        + " ended, " + overdue.size() + " already overdue (breached)";
  }

  /** Times each step into the report and tells the progress listener. */
  private static final class Timer {
    private static final java.lang.management.ThreadMXBean CPU =
        java.lang.management.ManagementFactory.getThreadMXBean();
    private final Report report;
    private final BackfillProgress progress;
    private int done;

    Timer(Report report, BackfillProgress progress) {
      this.report = report;
      this.progress = progress;
    }

    void step(String name, Supplier<String> work) {
      value(name, work, summary -> summary);
    }

    <T> T value(String name, Supplier<T> work, java.util.function.Function<T, String> summary) {
      progress.step(name, done, STEPS.size(), "started");
      long start = System.nanoTime();
      long cpuStart = CPU.getCurrentThreadCpuTime();
      T result = work.get();
      long millis = (System.nanoTime() - start) / 1_000_000;
      long cpuMillis = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
      String text = summary.apply(result);
      report.step(name, millis, cpuMillis, text);
      done++;
      progress.step(name, done, STEPS.size(), text + " (" + millis + " ms, CPU " + cpuMillis + " ms)");
      return result;
    }

    void progress(String name, String text) {
      progress.step(name, done, STEPS.size(), text);
    }
  }
}
