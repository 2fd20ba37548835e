package com.cjmflow.kpi;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The cluster-wide "one recompute at a time" lock: the single row of {@code crm_kpi_lock}, taken with a conditional
 * update (free, or its holder's heartbeat older than the stale timeout). Portable; no vendor lock functions.
 */
@Component
public class KpiLock {

  /** A holder that has not beaten its heart for this long is presumed dead (its node crashed). */
  static final Duration STALE_AFTER = Duration.ofMinutes(10);

  private final JdbcTemplate jdbc;
  private final Clock clock;

  KpiLock(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Takes the lock for the run; false when another live run holds it. Commits on its own (auto-commit). */
  public boolean tryAcquire(String runId) {
    OffsetDateTime now = now();
    return jdbc.update("""
        update crm_kpi_lock set run_id = ?, locked_at = ?, heartbeat_at = ?
         where id = 1 and (run_id is null or heartbeat_at < ?)""",
        runId, now, now, now.minus(STALE_AFTER)) == 1;
  }

  /** Keeps the lock alive; false when it was lost (taken over as stale). */
  public boolean heartbeat(String runId) {
    return jdbc.update("update crm_kpi_lock set heartbeat_at = ? where id = 1 and run_id = ?", now(), runId) == 1;
  }

  public void release(String runId) {
    jdbc.update("update crm_kpi_lock set run_id = null, locked_at = null, heartbeat_at = null where id = 1 and run_id = ?",
        runId);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
