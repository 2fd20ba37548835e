package com.cjmflow.platform;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The index the job executor needs when it acquires timers by due date ({@code jobExecutorAcquireByDueDate}). The
 * engine owns ACT_RU_JOB and creates it after Flyway has run, so the index is created here, once, idempotently.
 */
@Component
class JobDueDateIndex {

  private final JdbcTemplate jdbc;

  JobDueDateIndex(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @EventListener(ApplicationReadyEvent.class)
  void create() {
    jdbc.execute("create index if not exists cjm_idx_job_duedate on ACT_RU_JOB (DUEDATE_)");
  }
}
