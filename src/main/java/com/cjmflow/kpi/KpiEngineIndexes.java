package com.cjmflow.kpi;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The indexes the KPI queries need on the engine's history tables ({@code db/engine-indexes}). The engine creates
 * ACT_HI_* after the main Flyway run, so this second Flyway history ({@code flyway_engine_history}) runs once the
 * application (and so the engine) is up.
 */
@Component
class KpiEngineIndexes {

  private final DataSource dataSource;

  KpiEngineIndexes(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @EventListener(ApplicationReadyEvent.class)
  void migrate() {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/engine-indexes")
        .table("flyway_engine_history").baselineOnMigrate(true).baselineVersion("0").load().migrate();
  }
}
