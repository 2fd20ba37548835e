package com.cjmflow.platform;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Our indexes on the engine's own tables ({@code db/engine-indexes}): the KPI queries' history indexes, the job
 * executor's due-date index. The engine creates its tables after the main Flyway run, so this second Flyway history
 * ({@code flyway_engine_history}) runs once the application (and so the engine) is up.
 */
@Component
class EngineIndexes {

  private final DataSource dataSource;

  EngineIndexes(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @EventListener(ApplicationReadyEvent.class)
  void migrate() {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/engine-indexes")
        .table("flyway_engine_history").baselineOnMigrate(true).baselineVersion("0").load().migrate();
  }
}
