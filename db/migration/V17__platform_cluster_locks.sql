-- Cluster locks (platform ClusterLocks, ShedLock's JDBC provider): one row per lock name, held until lock_until
-- (database time). The KPI recompute's lock moves here from its own one-row table.
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);

drop table crm_kpi_lock;
