-- The index the job executor needs when it acquires timers by due date (jobExecutorAcquireByDueDate,
-- application.yaml). Databases that had it from the former start-up statement keep it (if not exists).
create index if not exists cjm_idx_job_duedate on ACT_RU_JOB (DUEDATE_);
