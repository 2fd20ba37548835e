-- Indexes the KPI queries need on the engine's history tables. The engine creates ACT_HI_* after the main Flyway run,
-- so these run in a second Flyway history (flyway_engine_history) once the engine is up (KpiEngineIndexes).
create index if not exists kpi_ix_hi_task_assignee_end on ACT_HI_TASKINST (ASSIGNEE_, END_TIME_);
create index if not exists kpi_ix_hi_task_act_inst on ACT_HI_TASKINST (ACT_INST_ID_);
