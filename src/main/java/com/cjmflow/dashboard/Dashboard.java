package com.cjmflow.dashboard;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.cjmflow.platform.DisplayNames;
import com.cjmflow.platform.EngineClock;

/**
 * The numbers behind the dashboard, each with the filter of the list it clicks through to (the control lists of
 * {@code /api/v1/crm/orders} and {@code /api/v1/crm/sla/breaches}). Days are the reader's days ({@code zone}).
 */
@Service
public class Dashboard {

  /** Orders waiting in a stage now: how many, how long the oldest and the median wait, how many past the SLA. */
  public record StageNow(String stage, String stageName, long orders, double medianAgeHours, double maxAgeHours, long breached) {}

  /** One day: SLA breaches on our (manager's) clock and delays of outside parties (client, seller, carrier, …). */
  public record BreachDay(LocalDate day, long managerBreaches, long outsideDelays) {}

  /** One manager's score for one week, with its component groups. */
  public record WeekScore(String managerId, LocalDate weekStart, BigDecimal score, BigDecimal executionQuality,
      BigDecimal speed, BigDecimal clientCare) {}

  /** An open refund or compensation with its money. */
  public record OpenCase(String kind, long id, long orderId, BigDecimal amount, String currency, String status,
      OffsetDateTime createdAt) {}

  /** A stalled order. */
  public record Stalled(long orderId, String status, String managerId, OffsetDateTime stalledSince, String reason) {}

  /** {@code slaBacktest}: the latest SLA backtest, for those who read every manager (null for a sales manager). */
  public record Overview(OffsetDateTime at, String zone, List<StageNow> pipeline, List<BreachDay> breaches,
      List<WeekScore> scorecards, List<OpenCase> openCases, BigDecimal openCaseMoneyEur, List<Stalled> stalled,
      BacktestPanel.Backtest slaBacktest) {}

  /** One activity of the model over the period: visits, median dwell (closed visits), share breached. */
  public record Heat(String activityId, String stage, String stageName, long visits, long open, double medianDwellHours,
      double breachRate) {}

  private final JdbcClient jdbc;
  private final DisplayNames names;
  private final BacktestPanel backtest;

  Dashboard(JdbcClient jdbc, DisplayNames names, BacktestPanel backtest) {
    this.jdbc = jdbc;
    this.names = names;
    this.backtest = backtest;
  }

  /**
   * The overview of the period; {@code managerId} non-null limits the scorecards and stalled orders to that manager
   * (a sales manager sees their own).
   */
  public Overview overview(OffsetDateTime from, OffsetDateTime to, ZoneId zone, String managerId) {
    OffsetDateTime now = EngineClock.now();
    List<OpenCase> cases = openCases();
    BigDecimal money = cases.stream().filter(c -> "EUR".equals(c.currency())).map(OpenCase::amount)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    return new Overview(now, zone.getId(), pipeline(now), breaches(from, to, zone), scorecards(from, to, managerId), cases,
        money, stalled(managerId), managerId == null ? backtest.latest().orElse(null) : null);
  }

  private List<StageNow> pipeline(OffsetDateTime now) {
    record Open(String stage, OffsetDateTime enteredAt, boolean breached) {}
    Map<String, List<double[]>> open = new TreeMap<>();
    jdbc.sql("select stage, entered_at, is_sla_breached as breached from crm_order_stage_instances "
        + "where left_at is null").query(Open.class).list()
        .forEach(o -> open.computeIfAbsent(o.stage(), s -> new ArrayList<>()).add(new double[] {
            Duration.between(o.enteredAt(), now).toSeconds() / 3600.0, o.breached() ? 1 : 0}));
    List<StageNow> result = new ArrayList<>();
    open.forEach((stage, rows) -> {
      double[] ages = rows.stream().mapToDouble(r -> r[0]).sorted().toArray();
      result.add(new StageNow(stage, names.stage(stage), rows.size(), round(median(ages)), round(ages[ages.length - 1]),
          rows.stream().filter(r -> r[1] > 0).count()));
    });
    return result;
  }

  private List<BreachDay> breaches(OffsetDateTime from, OffsetDateTime to, ZoneId zone) {
    Map<LocalDate, long[]> days = new TreeMap<>();
    for (LocalDate day = from.atZoneSameInstant(zone).toLocalDate(); day.isBefore(to.atZoneSameInstant(zone)
        .toLocalDate().plusDays(1)); day = day.plusDays(1)) {
      days.put(day, new long[2]);
    }
    record Breach(OffsetDateTime slaBreachedAt, String clockOwner) {}
    jdbc.sql("""
        select sla_breached_at, clock_owner from crm_order_stage_instances
        where is_sla_breached = true and sla_breached_at >= :from and sla_breached_at < :to""")
        .param("from", from).param("to", to).query(Breach.class).list().forEach(b -> {
          long[] counts = days.computeIfAbsent(b.slaBreachedAt().atZoneSameInstant(zone).toLocalDate(),
              d -> new long[2]);
          counts[b.clockOwner() == null || "manager".equals(b.clockOwner()) ? 0 : 1]++;
        });
    return days.entrySet().stream().map(e -> new BreachDay(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
  }

  private List<WeekScore> scorecards(OffsetDateTime from, OffsetDateTime to, String managerId) {
    return jdbc.sql("""
        select manager_id, period_start as week_start, score, score_execution_quality as execution_quality,
          score_speed as speed, score_client_care as client_care
        from manager_kpi_period_scorecards
        where period_kind = 'week' and period_start >= :from and period_start < :to
          and (cast(:manager as varchar(64)) is null or manager_id = :manager)
        order by manager_id, period_start""")
        .param("from", from.toLocalDate().minusDays(7)).param("to", to.toLocalDate().plusDays(1))
        .param("manager", managerId).query(WeekScore.class).list();
  }

  private List<OpenCase> openCases() {
    List<OpenCase> cases = new ArrayList<>();
    for (String kind : List.of("refund", "compensation")) { // refund_requests, compensation_requests
      cases.addAll(jdbc.sql("select :kind as kind, id, order_id, amount, currency, status, created_at from " + kind
          + "_requests where status in ('requested', 'approved', 'pending') order by created_at")
          .param("kind", kind).query(OpenCase.class).list());
    }
    return cases;
  }

  private List<Stalled> stalled(String managerId) {
    return jdbc.sql("""
        select id as order_id, status, manager_id, stalled_since, stall_reason as reason from orders
        where is_stalled = true
          and (cast(:manager as varchar(64)) is null or manager_id = :manager)
        order by stalled_since fetch first 200 rows only""").param("manager", managerId).query(Stalled.class).list();
  }

  /** Per activity of the model: the stage visits entered in the period. */
  public List<Heat> heatmap(OffsetDateTime from, OffsetDateTime to) {
    OffsetDateTime now = EngineClock.now();
    record Row(String activityId, String stage, OffsetDateTime enteredAt, OffsetDateTime leftAt, boolean breached) {}
    record Visit(String stage, double hours, boolean open, boolean breached) {}
    Map<String, List<Visit>> visits = new LinkedHashMap<>();
    jdbc.sql("""
        select activity_id, stage, entered_at, left_at, is_sla_breached as breached from crm_order_stage_instances
        where entered_at >= :from and entered_at < :to and activity_id is not null""")
        .param("from", from).param("to", to).query(Row.class).list()
        .forEach(r -> visits.computeIfAbsent(r.activityId(), a -> new ArrayList<>()).add(new Visit(r.stage(),
            Duration.between(r.enteredAt(), r.leftAt() == null ? now : r.leftAt()).toSeconds() / 3600.0,
            r.leftAt() == null, r.breached())));
    List<Heat> result = new ArrayList<>();
    visits.forEach((activity, list) -> {
      double[] closed = list.stream().filter(v -> !v.open()).mapToDouble(Visit::hours).sorted().toArray();
      result.add(new Heat(activity, list.get(0).stage(), names.stage(list.get(0).stage()), list.size(), list.stream().filter(Visit::open).count(),
          round(median(closed)), round((double) list.stream().filter(Visit::breached).count() / list.size())));
    });
    return result;
  }

  private static double median(double[] sorted) {
    if (sorted.length == 0) {
      return 0;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
