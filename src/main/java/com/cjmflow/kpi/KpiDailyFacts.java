package com.cjmflow.kpi;

import java.sql.DatabaseMetaData;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes a range of days of {@code manager_kpi_daily_facts} (plus its channel rows and the website KPI) with the
 * set-based statements of {@code kpi/daily-facts.sql}: delete the range's rows, then one insert … select … group by
 * manager and day over the whole range. One transaction (its caller's, {@link KpiRecompute}), so a run twice gives
 * identical rows (but for {@code computed_at}); a one-day recompute is the same statements over a one-day range.
 * Needs the range's days and working intervals materialised ({@link WorkIntervals}). The day a source row's time falls
 * on is computed, not joined: the statements write it {@code kpi_day(t)} ({@code kpi_engine_day(t)} for an engine-local
 * timestamp), written out here for the database as the local date in the managers' zone (PostgreSQL's
 * {@code at time zone}, H2's {@code formatdatetime}); joining every row to its materialised day was 37 % of a full
 * recompute (2026-12-04). On PostgreSQL the transaction runs without JIT compilation ({@code set local jit = off}):
 * compiling the inserts' expressions took longer than running them (3.4 of 6.6 s of a full recompute over 155 days of
 * 20,000 orders, EXPLAIN ANALYZE).
 */
@Component
class KpiDailyFacts {

  private final NamedParameterJdbcTemplate jdbc;
  private final KpiSql sql = KpiSql.load("kpi/daily-facts.sql");

  /** {@code kpi_day(t)} / {@code kpi_engine_day(t)} of a column {@code t} in the statements. */
  private static final Pattern DAY = Pattern.compile("kpi_(engine_)?day\\(([\\w.]+)\\)");
  /** A time zone id that can stand in SQL as a string literal as it is. */
  private static final Pattern ZONE_ID = Pattern.compile("[A-Za-z0-9/_+-]+");

  /** PostgreSQL (else H2): its day expression, and no JIT in the KPI transaction (see above). */
  private final boolean postgres;

  KpiDailyFacts(NamedParameterJdbcTemplate jdbc, DataSource dataSource) throws MetaDataAccessException {
    this.jdbc = jdbc;
    this.postgres = "PostgreSQL".equals(
        JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
  }

  /** Recomputes {@code from}..{@code to} (inclusive, days in the managers' zone) for every manager, or one. */
  @Transactional
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
    if (postgres) {
      jdbc.getJdbcOperations().execute("set local jit = off");
    }
    jdbc.update(sql.get("deleteFacts"), params);
    jdbc.update(sql.get("deleteChannels"), params);
    jdbc.update(statement("insertChannels", zone), params); // before the facts, which sum its rows
    jdbc.update(statement("insertFacts", zone), params);
    if (managerId == null) {
      jdbc.update(sql.get("deleteWebsite"), params);
      jdbc.update(sql.get("insertWebsite"), params);
    }
  }

  /** The statement with the days of its times written out for this database, in the managers' zone. */
  private String statement(String name, ZoneId zone) {
    return DAY.matcher(sql.get(name)).replaceAll(m -> Matcher.quoteReplacement(day(m.group(2), m.group(1) != null,
        zone)));
  }

  /**
   * The local date of {@code column} in {@code zone}. An engine-local timestamp is in the JVM's zone, as the engine
   * wrote it (H2 reads it in its session's zone, which is the JVM's).
   */
  private String day(String column, boolean engineLocal, ZoneId zone) {
    if (!postgres) {
      String time = engineLocal ? "cast(" + column + " as timestamp with time zone)" : column;
      return "cast(formatdatetime(" + time + ", 'yyyy-MM-dd', 'en', " + zoneLiteral(zone) + ") as date)";
    }
    String time = engineLocal ? "(" + column + " at time zone " + zoneLiteral(ZoneId.systemDefault()) + ")" : column;
    return "cast(" + time + " at time zone " + zoneLiteral(zone) + " as date)";
  }

  /**
   * A zone as PostgreSQL and H2 read it in {@code at time zone} / {@code formatdatetime}: its id as a literal (checked
   * to hold nothing else); on PostgreSQL an offset as an interval, since PostgreSQL reads a text offset such as
   * '+03:00' the POSIX way (west of Greenwich).
   */
  private String zoneLiteral(ZoneId zone) {
    if (!ZONE_ID.matcher(zone.getId()).matches()) {
      throw new IllegalStateException("KPI zone " + zone + " cannot be written in SQL");
    }
    return postgres && zone instanceof ZoneOffset offset ? "interval '" + offset.getTotalSeconds() + " seconds'"
        : "'" + zone.getId() + "'";
  }
}
