-- The KPI's owner of a stage visit is the assignee of its user task, looked up by activity instance once per visit
-- and day of the range (kpi/daily-facts.sql): with the assignee in the index that lookup reads no table row.
-- Replaces kpi_ix_hi_task_act_inst (same leading column).
create index if not exists kpi_ix_hi_task_act_inst_assignee on ACT_HI_TASKINST (ACT_INST_ID_, ASSIGNEE_);
drop index if exists kpi_ix_hi_task_act_inst;
