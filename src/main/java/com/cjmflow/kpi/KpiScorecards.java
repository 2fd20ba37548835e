package com.cjmflow.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSetMetaData;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Period scorecards over the daily facts. Score = 100 × Σ(weight × normalized) / Σ weight over the components that
 * have data in the period; a group's score is the same sum within the group. normalized is min(1, value / target)
 * when higher is better and min(1, target / value) when lower is better. Weights, groups and targets come from
 * {@code dmn/kpi-score-weights.dmn}. Stored in {@code manager_kpi_period_scorecards} (+ its components), replacing
 * an earlier scorecard of the same manager and period. The AI suggestions' acceptance comes with it, read live through
 * {@link SuggestionAcceptance}.
 */
@Service
public class KpiScorecards {

  private final JdbcTemplate jdbc;
  private final KpiWeights weights;
  private final WorkIntervals intervals;
  private final ObjectProvider<SuggestionAcceptance> suggestions;
  private final Clock clock;

  KpiScorecards(JdbcTemplate jdbc, KpiWeights weights, WorkIntervals intervals,
      ObjectProvider<SuggestionAcceptance> suggestions, Clock clock) {
    this.jdbc = jdbc;
    this.weights = weights;
    this.intervals = intervals;
    this.suggestions = suggestions;
    this.clock = clock;
  }

  /** Computes, stores and returns the scorecard of {@code managerId} for {@code start}..{@code end} (inclusive). */
  @Transactional
  public Scorecard compute(String managerId, String kind, LocalDate start, LocalDate end) {
    List<Map<String, Object>> daily = jdbc.query("""
        select * from manager_kpi_daily_facts where manager_id = ? and fact_date >= ? and fact_date <= ?
         order by fact_date""", (rs, i) -> {
      ResultSetMetaData meta = rs.getMetaData();
      Map<String, Object> row = new LinkedHashMap<>();
      for (int c = 1; c <= meta.getColumnCount(); c++) {
        Object value = rs.getObject(c);
        row.put(meta.getColumnLabel(c).toLowerCase(Locale.ROOT),
            value instanceof java.sql.Date date ? date.toLocalDate() : value instanceof java.sql.Timestamp ts
                ? ts.toInstant().atOffset(ZoneOffset.UTC) : value);
      }
      return row;
    }, managerId, start, end);
    PeriodTotals totals = PeriodTotals.of(daily);
    Map<String, KpiWeights.Weight> table = weights.of(PeriodTotals.COMPONENTS);
    List<Scorecard.Component> components = new ArrayList<>();
    Map<String, double[]> groups = new LinkedHashMap<>();
    double earned = 0;
    double possible = 0;
    for (String name : PeriodTotals.COMPONENTS) {
      KpiWeights.Weight weight = table.get(name);
      Double value = totals.component(name);
      if (weight == null) {
        continue;
      }
      Double normalized = value == null ? null : normalize(value, weight);
      if (normalized != null) {
        earned += weight.weight() * normalized;
        possible += weight.weight();
        double[] group = groups.computeIfAbsent(weight.group(), g -> new double[2]);
        group[0] += weight.weight() * normalized;
        group[1] += weight.weight();
      }
      components.add(new Scorecard.Component(name, weight.group(), decimal(value, 4), decimal(weight.target(), 4),
          decimal(normalized, 4), decimal(weight.weight(), 3),
          normalized == null ? null : decimal(weight.weight() * normalized, 3)));
    }
    Map<String, BigDecimal> groupScores = new LinkedHashMap<>();
    groups.forEach((group, sums) -> groupScores.put(group, decimal(100 * sums[0] / sums[1], 2)));
    BigDecimal score = possible == 0 ? null : decimal(100 * earned / possible, 2);
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    long id = store(managerId, kind, start, end, score, groupScores, daily.size(), components, now);
    return new Scorecard(id, managerId, kind, start, end, score, groupScores, totals.asMap(), components, daily, now,
        aiAcceptance(managerId, start, end));
  }

  /** The suggestions of the period's days (in the managers' zone), when a module makes any; else null. */
  private Scorecard.AiAcceptance aiAcceptance(String managerId, LocalDate start, LocalDate end) {
    SuggestionAcceptance source = suggestions.getIfAvailable();
    if (source == null) {
      return null;
    }
    ZoneId zone = intervals.zone();
    List<SuggestionAcceptance.Usage> usage = source.of(managerId, start.atStartOfDay(zone).toOffsetDateTime(),
        end.plusDays(1).atStartOfDay(zone).toOffsetDateTime());
    long used = usage.stream().mapToLong(SuggestionAcceptance.Usage::used).sum();
    long dismissed = usage.stream().mapToLong(SuggestionAcceptance.Usage::dismissed).sum();
    return new Scorecard.AiAcceptance(usage.stream().mapToLong(SuggestionAcceptance.Usage::suggestions).sum(), used,
        dismissed, SuggestionAcceptance.rate(used, dismissed), usage);
  }

  /** True when the manager has any daily facts at all. */
  public boolean hasFacts(String managerId) {
    return jdbc.queryForObject("select count(*) from manager_kpi_daily_facts where manager_id = ?", Long.class,
        managerId) > 0;
  }

  static double normalize(double value, KpiWeights.Weight weight) {
    double target = weight.target();
    if (weight.higherIsBetter()) {
      return target <= 0 ? 1 : Math.min(1, value / target);
    }
    return value <= target ? 1 : target / value;
  }

  private long store(String managerId, String kind, LocalDate start, LocalDate end, BigDecimal score,
      Map<String, BigDecimal> groups, int days, List<Scorecard.Component> components, OffsetDateTime now) {
    jdbc.update("""
        delete from manager_kpi_scorecard_components where scorecard_id in
          (select id from manager_kpi_period_scorecards where manager_id = ? and period_start = ? and period_end = ?)""",
        managerId, start, end);
    jdbc.update("delete from manager_kpi_period_scorecards where manager_id = ? and period_start = ? and period_end = ?",
        managerId, start, end);
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(con -> {
      var statement = con.prepareStatement("""
          insert into manager_kpi_period_scorecards (manager_id, period_kind, period_start, period_end, score,
            score_execution_quality, score_speed, score_client_care, days_with_facts, computed_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
      statement.setString(1, managerId);
      statement.setString(2, kind);
      statement.setObject(3, start);
      statement.setObject(4, end);
      statement.setBigDecimal(5, score);
      statement.setBigDecimal(6, groups.get("execution_quality"));
      statement.setBigDecimal(7, groups.get("speed"));
      statement.setBigDecimal(8, groups.get("client_care"));
      statement.setInt(9, days);
      statement.setObject(10, now);
      return statement;
    }, key);
    long id = key.getKey().longValue();
    jdbc.batchUpdate("""
        insert into manager_kpi_scorecard_components (scorecard_id, component, kpi_group, kpi_value, target,
          normalized, weight, points) values (?, ?, ?, ?, ?, ?, ?, ?)""", components.stream()
        .map(c -> new Object[] {id, c.component(), c.group(), c.value(), c.target(), c.normalized(), c.weight(),
            c.points()}).toList());
    return id;
  }

  static BigDecimal decimal(Double value, int scale) {
    return value == null || value.isNaN() || value.isInfinite() ? null
        : BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
  }
}
