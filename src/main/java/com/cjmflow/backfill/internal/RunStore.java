package com.cjmflow.backfill.internal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.cjmflow.backfill.BackfillRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code crm_backfill_runs} and the one-row lock {@code crm_backfill_lock} ("one run at a time across nodes": a
 * conditional update; a holder whose heartbeat is older than {@link #STALE_AFTER} is presumed dead). Auto-commit.
 */
@Component
public class RunStore {

  static final Duration STALE_AFTER = Duration.ofMinutes(10);

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  RunStore(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** The run holding the lock, if any. */
  public Optional<String> holder(OffsetDateTime now) {
    return jdbc.queryForList("select run_id from crm_backfill_lock where id = 1 and run_id is not null and "
        + "heartbeat_at >= ?", String.class, now.minus(STALE_AFTER)).stream().findFirst();
  }

  public boolean tryLock(String runId, OffsetDateTime now) {
    return jdbc.update("""
        update crm_backfill_lock set run_id = ?, locked_at = ?, heartbeat_at = ?
         where id = 1 and (run_id is null or heartbeat_at < ?)""", runId, now, now, now.minus(STALE_AFTER)) == 1;
  }

  public void heartbeat(String runId, OffsetDateTime now) {
    jdbc.update("update crm_backfill_lock set heartbeat_at = ? where id = 1 and run_id = ?", now, runId);
  }

  public void unlock(String runId) {
    jdbc.update("update crm_backfill_lock set run_id = null, locked_at = null, heartbeat_at = null where id = 1 and "
        + "run_id = ?", runId);
  }

  public void create(String runId, String trigger, String requestedBy, String source, String system, int steps,
      OffsetDateTime now) {
    jdbc.update("""
        insert into crm_backfill_runs (id, status, trigger_kind, requested_by, source_file, source_system, steps_total,
          started_at)
        values (?, 'running', ?, ?, ?, ?, ?, ?)""", runId, trigger, requestedBy, source, system, steps, now);
  }

  public void progress(String runId, String step, int done) {
    jdbc.update("update crm_backfill_runs set step = ?, steps_done = ? where id = ?", step, done, runId);
  }

  public void finish(String runId, String status, String report, String reportFile, String error,
      OffsetDateTime now) {
    jdbc.update("""
        update crm_backfill_runs set status = ?, report = ?, report_file = ?, error = ?, finished_at = ?
         where id = ?""", status, report, reportFile, error == null ? null : error.substring(0,
        Math.min(error.length(), 2000)), now, runId);
  }

  public Optional<BackfillRun> find(String runId) {
    return jdbc.query("select * from crm_backfill_runs where id = ?", (rs, i) -> new BackfillRun(rs.getString("id"),
        rs.getString("status"), rs.getString("trigger_kind"), rs.getString("requested_by"),
        rs.getString("source_file"), rs.getString("step"), rs.getInt("steps_done"), rs.getInt("steps_total"),
        rs.getObject("started_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class),
        parse(rs.getString("report")), rs.getString("report_file"), rs.getString("error")), runId).stream()
        .findFirst();
  }

  private JsonNode parse(String report) {
    try {
      return report == null ? null : json.readTree(report);
    } catch (Exception e) {
      return null;
    }
  }
}
