package com.cjmflow.kpi;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes one day of {@code manager_kpi_daily_facts} (plus its channel rows and the website KPI) with the
 * set-based statements of {@code kpi/daily-facts.sql}: delete the day's rows, insert … select … group by. One
 * transaction per day, so a run twice gives identical rows (but for {@code computed_at}).
 */
@Component
class KpiDailyFacts {

  private final NamedParameterJdbcTemplate jdbc;
  private final KpiSql sql = KpiSql.load("kpi/daily-facts.sql");

  KpiDailyFacts(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Recomputes the day (in the managers' zone) for every manager, or only {@code managerId} when given. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void recompute(LocalDate day, ZoneId zone, String managerId, Instant computedAt) {
    Instant from = day.atStartOfDay(zone).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
    MapSqlParameterSource params = new MapSqlParameterSource()
        .addValue("day", day)
        .addValue("fromTz", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
        .addValue("toTz", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
        .addValue("fromTs", Timestamp.from(from))
        .addValue("toTs", Timestamp.from(to))
        .addValue("manager", managerId, Types.VARCHAR)
        .addValue("computedAt", OffsetDateTime.ofInstant(computedAt, ZoneOffset.UTC));
    jdbc.update(sql.get("deleteFacts"), params);
    jdbc.update(sql.get("deleteChannels"), params);
    jdbc.update(sql.get("insertFacts"), params);
    jdbc.update(sql.get("insertChannels"), params);
    if (managerId == null) {
      jdbc.update(sql.get("deleteWebsite"), params);
      jdbc.update(sql.get("insertWebsite"), params);
    }
  }
}
