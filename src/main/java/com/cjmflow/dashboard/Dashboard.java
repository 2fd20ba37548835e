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
    Map<String, List<double[]>> open = new TreeMap<>();
    jdbc.sql("select stage, entered_at, is_sla_breached from crm_order_stage_instances where left_at is null")
        .query((rs, i) -> open.computeIfAbsent(rs.getString(1), s -> new ArrayList<>()).add(new double[] {
            Duration.between(rs.getObject(2, OffsetDateTime.class), now).toSeconds() / 3600.0,
            rs.getBoolean(3) ? 1 : 0}))
        .list();
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
    jdbc.sql("""
        select sla_breached_at, clock_owner from crm_order_stage_instances
        where is_sla_breached = true and sla_breached_at >= :from and sla_breached_at < :to""")
        .param("from", from).param("to", to)
        .query((rs, i) -> {
          LocalDate day = rs.getObject(1, OffsetDateTime.class).atZoneSameInstant(zone).toLocalDate();
          long[] counts = days.computeIfAbsent(day, d -> new long[2]);
          counts["manager".equals(rs.getString(2)) || rs.getString(2) == null ? 0 : 1]++;
          return day;
        }).list();
    return days.entrySet().stream().map(e -> new BreachDay(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
  }

  private List<WeekScore> scorecards(OffsetDateTime from, OffsetDateTime to, String managerId) {
    return jdbc.sql("""
        select manager_id, period_start, score, score_execution_quality, score_speed, score_client_care
        from manager_kpi_period_scorecards
        where period_kind = 'week' and period_start >= :from and period_start < :to
          and (cast(:manager as varchar(64)) is null or manager_id = :manager)
        order by manager_id, period_start""")
        .param("from", from.toLocalDate().minusDays(7)).param("to", to.toLocalDate().plusDays(1))
        .param("manager", managerId)
        .query((rs, i) -> new WeekScore(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getBigDecimal(3),
            rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6)))
        .list();
  }

  private List<OpenCase> openCases() {
    List<OpenCase> cases = new ArrayList<>(jdbc.sql("""
        select id, order_id, amount, currency, status, created_at from refund_requests
        where status in ('requested', 'approved', 'pending') order by created_at""")
        .query((rs, i) -> new OpenCase("refund", rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), rs.getString(4),
            rs.getString(5), rs.getObject(6, OffsetDateTime.class))).list());
    cases.addAll(jdbc.sql("""
        select id, order_id, amount, currency, status, created_at from compensation_requests
        where status in ('requested', 'approved', 'pending') order by created_at""")
        .query((rs, i) -> new OpenCase("compensation", rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3),
            rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class))).list());
    return cases;
  }

  private List<Stalled> stalled(String managerId) {
    return jdbc.sql("""
        select id, status, manager_id, stalled_since, stall_reason from orders where is_stalled = true
          and (cast(:manager as varchar(64)) is null or manager_id = :manager)
        order by stalled_since fetch first 200 rows only""").param("manager", managerId)
        .query((rs, i) -> new Stalled(rs.getLong(1), rs.getString(2), rs.getString(3),
            rs.getObject(4, OffsetDateTime.class), rs.getString(5))).list();
  }

  /** Per activity of the model: the stage visits entered in the period. */
  public List<Heat> heatmap(OffsetDateTime from, OffsetDateTime to) {
    OffsetDateTime now = EngineClock.now();
    record Visit(String stage, double hours, boolean open, boolean breached) {}
    Map<String, List<Visit>> visits = new LinkedHashMap<>();
    jdbc.sql("""
        select activity_id, stage, entered_at, left_at, is_sla_breached from crm_order_stage_instances
        where entered_at >= :from and entered_at < :to and activity_id is not null""")
        .param("from", from).param("to", to)
        .query((rs, i) -> {
          OffsetDateTime left = rs.getObject(4, OffsetDateTime.class);
          return visits.computeIfAbsent(rs.getString(1), a -> new ArrayList<>()).add(new Visit(rs.getString(2),
              Duration.between(rs.getObject(3, OffsetDateTime.class), left == null ? now : left).toSeconds() / 3600.0,
              left == null, rs.getBoolean(5)));
        }).list();
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
