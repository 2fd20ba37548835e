-- An index that repeats a unique constraint's (issue #14): every stage visit wrote, and on leaving updated, an entry
-- in both. A stage visit is found by its activity instance, which has one visit at most: the unique constraint
-- uq_stage_instances_activity_instance (V1) is that index; V18 added (activity_instance_id, left_at) beside it.
drop index ix_stage_instances_activity_instance;
