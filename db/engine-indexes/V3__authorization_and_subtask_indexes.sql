-- Per-request engine lookups that had no index (measured by the benchmark suite, README "Benchmarks"):
-- every authorization check filters ACT_RU_AUTHORIZATION by resource type and resource id (one row per open task:
-- the engine grants each task to its candidate groups), and every task completion looks for its subtasks by
-- PARENT_TASK_ID_.
create index if not exists cjm_idx_auth_resource on ACT_RU_AUTHORIZATION (RESOURCE_TYPE_, RESOURCE_ID_);
create index if not exists cjm_idx_task_parent on ACT_RU_TASK (PARENT_TASK_ID_);
