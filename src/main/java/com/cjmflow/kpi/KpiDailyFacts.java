package com.cjmflow.kpi;

import java.sql.DatabaseMetaData;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes a range of days of {@code manager_kpi_daily_facts} (plus its channel rows and the website KPI) with the
 * set-based statements of {@code kpi/daily-facts.sql}: delete the range's rows, then one insert … select … group by
 * manager and day over the whole range. One transaction, so a run twice gives identical rows (but for
 * {@code computed_at}); a one-day recompute is the same statements over a one-day range. Needs the range's days and
 * working intervals materialised ({@link WorkIntervals}). On PostgreSQL the transaction runs without JIT compilation
 * ({@code set local jit = off}): compiling the inserts' expressions took longer than running them (3.4 of 6.6 s of a
 * full recompute over 155 days of 20,000 orders, EXPLAIN ANALYZE).
 */
@Component
class KpiDailyFacts {

  private final NamedParameterJdbcTemplate jdbc;
  private final KpiSql sql = KpiSql.load("kpi/daily-facts.sql");

  /** PostgreSQL: no JIT in the KPI transaction (see above). */
  private final boolean noJit;

  KpiDailyFacts(NamedParameterJdbcTemplate jdbc, DataSource dataSource) throws MetaDataAccessException {
    this.jdbc = jdbc;
    this.noJit = "PostgreSQL".equals(
        JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
  }

  /** Recomputes {@code from}..{@code to} (inclusive, days in the managers' zone) for every manager, or one. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void recompute(LocalDate from, LocalDate to, ZoneId zone, String managerId, Instant computedAt) {
    Instant start = from.atStartOfDay(zone).toInstant();
    Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
    MapSqlParameterSource params = new MapSqlParameterSource()
        .addValue("fromDay", from)
        .addValue("toDay", to)
        .addValue("fromTz", OffsetDateTime.ofInstant(start, ZoneOffset.UTC))
        .addValue("toTz", OffsetDateTime.ofInstant(end, ZoneOffset.UTC))
        .addValue("firstDayEndTz", OffsetDateTime.ofInstant(from.plusDays(1).atStartOfDay(zone).toInstant(),
            ZoneOffset.UTC))
        .addValue("fromTs", Timestamp.from(start))
        .addValue("toTs", Timestamp.from(end))
        .addValue("days", WorkIntervals.DAYS)
        .addValue("manager", managerId, Types.VARCHAR)
        .addValue("computedAt", OffsetDateTime.ofInstant(computedAt, ZoneOffset.UTC));
    if (noJit) {
      jdbc.getJdbcOperations().execute("set local jit = off");
    }
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
