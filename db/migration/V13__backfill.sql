-- Backfill from the legacy EUBike CRM (issue 13, README "Backfill"): one row per run with its progress and report,
-- the cluster-wide "one run at a time" lock, and the map from every imported legacy row to the row it became (so a
-- second run over the same file finds what it imported and changes nothing). Portable between H2 and PostgreSQL.

create table crm_backfill_runs (
    id            varchar(36)              primary key,
    status        varchar(20)              not null, -- running | done | failed | refused
    trigger_kind  varchar(20)              not null, -- cli | api
    requested_by  varchar(64),
    source_file   varchar(1000)            not null,
    source_system varchar(50)              not null,
    step          varchar(60),
    steps_done    integer                  not null default 0,
    steps_total   integer                  not null default 0,
    started_at    timestamp with time zone not null,
    finished_at   timestamp with time zone,
    report        text,
    report_file   varchar(1000),
    error         varchar(2000)
);

-- One row; a run holds it while run_id is set and its heartbeat is fresh (conditional update, stale-lock timeout).
create table crm_backfill_lock (
    id           integer                  primary key,
    run_id       varchar(36),
    locked_at    timestamp with time zone,
    heartbeat_at timestamp with time zone
);
insert into crm_backfill_lock (id) values (1);

-- legacy row (system, table, id) -> the CJM row it became; fingerprint = hash of the legacy row as last imported.
create table crm_backfill_links (
    source_system varchar(50)              not null,
    legacy_table  varchar(50)              not null,
    legacy_id     bigint                   not null,
    target_id     bigint,
    fingerprint   varchar(64)              not null,
    run_id        varchar(36)              not null,
    imported_at   timestamp with time zone not null,
    constraint pk_crm_backfill_links primary key (source_system, legacy_table, legacy_id)
);
