-- The stage tracker finds a visit's open stage instance by its activity instance on every stage exit and every SLA
-- rung that fires; without an index that is a scan of the whole history table.
create index ix_stage_instances_activity_instance on crm_order_stage_instances (activity_instance_id, left_at);
