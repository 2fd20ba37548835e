-- The KPI's follow-ups open and overdue at a day's end (kpi/daily-facts.sql, overdue_spans) are read as index ranges:
-- never completed and due before the range (completed_at null, due_at <), overdue before the range and completed
-- after its first day (completed_at >=, due_at <), overdue from a day of the range (due_at or created_at in it). The
-- first two read the index alone (it holds every column they need) and it replaces the one on completed_at (same
-- leading column).
create index ix_followups_open_overdue on crm_manager_followups (completed_at, due_at, created_at, status, manager_id);
drop index ix_followups_completed;
create index ix_followups_created on crm_manager_followups (created_at);
