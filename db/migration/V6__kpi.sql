-- KPI (issue 5, seed 000 §5, §9, §10): manager daily facts, period scorecards with visible components, the website
-- KPI kept apart from managers, recompute runs with a single-row lock, working intervals for business time, stall
-- flags on orders. Portable between H2 and PostgreSQL.

-- ---------------------------------------------------------------- daily facts: one row per manager per day
alter table manager_kpi_daily_facts add column tasks_completed integer not null default 0;
alter table manager_kpi_daily_facts add column handling_median_seconds numeric(14, 1); -- business seconds (ru-office)
alter table manager_kpi_daily_facts add column handling_p90_seconds numeric(14, 1);
alter table manager_kpi_daily_facts add column stage_sla_met integer not null default 0;
alter table manager_kpi_daily_facts add column stage_sla_warned integer not null default 0;
alter table manager_kpi_daily_facts add column stage_sla_breached integer not null default 0;
alter table manager_kpi_daily_facts add column replies_met integer not null default 0;
alter table manager_kpi_daily_facts add column replies_breached integer not null default 0;
alter table manager_kpi_daily_facts add column first_reply_median_seconds numeric(14, 1); -- wall-clock seconds
alter table manager_kpi_daily_facts add column followups_on_time integer not null default 0;
alter table manager_kpi_daily_facts add column followups_late integer not null default 0;
alter table manager_kpi_daily_facts add column followups_open_overdue integer not null default 0;
alter table manager_kpi_daily_facts add column touchpoints_inbound integer not null default 0;
alter table manager_kpi_daily_facts add column touchpoints_outbound integer not null default 0;
alter table manager_kpi_daily_facts add column orders_advanced integer not null default 0;
alter table manager_kpi_daily_facts add column orders_closed integer not null default 0;
alter table manager_kpi_daily_facts add column orders_cancelled integer not null default 0;
alter table manager_kpi_daily_facts add column refunds_eur numeric(14, 2) not null default 0;
alter table manager_kpi_daily_facts add column compensations_eur numeric(14, 2) not null default 0;
create index ix_kpi_daily_facts_date on manager_kpi_daily_facts (fact_date);

-- Touchpoints by channel and direction: a child row per manager, day, channel and direction.
create table manager_kpi_daily_channels (
    manager_id  varchar(64) not null,
    fact_date   date        not null,
    channel     varchar(30) not null,
    direction   varchar(10) not null,
    touchpoints integer     not null,
    constraint pk_manager_kpi_daily_channels primary key (manager_id, fact_date, channel, direction)
);
create index ix_kpi_daily_channels_date on manager_kpi_daily_channels (fact_date);

-- The website KPI (seed 000 §10): never in a manager row or score.
create table crm_website_kpi_daily (
    fact_date           date                     primary key,
    leads_created       integer                  not null,
    leads_converted     integer                  not null,
    lead_to_booked_rate numeric(7, 4),
    computed_at         timestamp with time zone not null
);

-- ---------------------------------------------------------------- scorecards: every component visible
alter table manager_kpi_period_scorecards add column score_execution_quality numeric(5, 2);
alter table manager_kpi_period_scorecards add column score_speed numeric(5, 2);
alter table manager_kpi_period_scorecards add column score_client_care numeric(5, 2);
alter table manager_kpi_period_scorecards add column days_with_facts integer not null default 0;

create table manager_kpi_scorecard_components (
    scorecard_id bigint        not null references manager_kpi_period_scorecards (id) on delete cascade,
    component    varchar(60)   not null,
    kpi_group    varchar(30)   not null, -- execution_quality | speed | client_care
    kpi_value    numeric(14, 4),         -- null = no data in the period (the component is left out of the score)
    target       numeric(14, 4),
    normalized   numeric(7, 4),          -- 0..1
    weight       numeric(7, 3)  not null,
    points       numeric(7, 3),          -- weight * normalized
    constraint pk_manager_kpi_scorecard_components primary key (scorecard_id, component)
);

-- ---------------------------------------------------------------- recompute runs and the cluster-wide lock
create table crm_kpi_runs (
    id           varchar(36)              primary key,
    status       varchar(20)              not null, -- running | done | failed
    trigger_kind varchar(20)              not null, -- api | nightly
    requested_by varchar(64),
    range_from   date                     not null,
    range_to     date                     not null,
    manager_id   varchar(64),
    days_total   integer                  not null,
    days_done    integer                  not null default 0,
    started_at   timestamp with time zone not null,
    finished_at  timestamp with time zone,
    error        varchar(2000)
);

-- One row; a run holds it while run_id is set and its heartbeat is fresh (conditional update, stale-lock timeout).
create table crm_kpi_lock (
    id           integer                  primary key,
    run_id       varchar(36),
    locked_at    timestamp with time zone,
    heartbeat_at timestamp with time zone
);
insert into crm_kpi_lock (id) values (1);

-- Working intervals of a business calendar, materialised for the recomputed range. Timestamps WITHOUT time zone in
-- the engine's convention (JVM-local wall clock, as ACT_HI_* store them), so they compare directly with history.
create table kpi_work_intervals (
    calendar_id varchar(50) not null,
    work_date   date        not null,
    start_at    timestamp   not null,
    end_at      timestamp   not null,
    constraint pk_kpi_work_intervals primary key (calendar_id, work_date)
);
create index ix_kpi_work_intervals_start on kpi_work_intervals (calendar_id, start_at);

-- ---------------------------------------------------------------- indexes for the day-range queries
create index ix_stage_instances_left on crm_order_stage_instances (left_at);
create index ix_stage_instances_breached on crm_order_stage_instances (sla_breached_at);
create index ix_stage_instances_warned on crm_order_stage_instances (sla_warned_at);
create index ix_touchpoints_occurred on crm_touchpoints (occurred_at);
create index ix_touchpoints_responded on crm_touchpoints (responded_at);
create index ix_touchpoints_breached on crm_touchpoints (sla_breached_at);
create index ix_followups_completed on crm_manager_followups (completed_at);
create index ix_followups_due on crm_manager_followups (due_at);
create index ix_status_events_changed on order_status_events (changed_at);
create index ix_refund_requests_created on refund_requests (created_at);
create index ix_compensation_requests_created on compensation_requests (created_at);
create index ix_leads_created on leads (created_at);

-- ---------------------------------------------------------------- stall flags (seed 000 §9)
alter table orders add column is_stalled boolean not null default false;
alter table orders add column stalled_since timestamp with time zone;
alter table orders add column stall_reason varchar(1000);
create index ix_orders_stalled on orders (is_stalled, manager_id);

-- The live views of V2 with the stall columns added (definitions otherwise unchanged).
drop view crm_order_360_v;
create view crm_order_360_v as
select o.id                      as order_id,
       o.external_id,
       o.status,
       o.bike_title,
       o.seller_country,
       o.price_amount,
       o.price_currency,
       o.reserve_required,
       o.expert_inspection,
       o.process_instance_id,
       o.manager_id,
       o.created_at,
       o.last_touchpoint_at,
       o.last_manager_contact_at,
       o.manager_contacts,
       o.client_contacts,
       c.id                      as customer_id,
       c.display_name            as customer_name,
       c.tier                    as customer_tier,
       s.stage                   as current_stage,
       s.entered_at              as stage_entered_at,
       s.sla_due_at              as stage_sla_due_at,
       s.clock_owner             as stage_clock_owner,
       s.is_sla_breached         as stage_sla_breached,
       (select count(*) from crm_order_stage_instances b where b.order_id = o.id and b.is_sla_breached)
                                 as sla_breaches,
       (select count(*) from crm_touchpoints t where t.order_id = o.id)
                                 as touchpoints,
       (select count(*) from crm_touchpoints t
         where t.order_id = o.id and t.response_due_at is not null and t.responded_at is null)
                                 as open_reply_windows,
       (select count(*) from crm_manager_followups f where f.order_id = o.id and f.status = 'open')
                                 as open_followups,
       (select coalesce(sum(case when p.kind = 'refund' then -p.amount else p.amount end), 0)
          from payments p where p.order_id = o.id)
                                 as paid_amount,
       (select count(*) from shipments sh where sh.order_id = o.id)
                                 as shipments,
       (select count(*) from order_cases oc where oc.order_id = o.id and oc.status = 'open')
                                 as open_cases,
       case when s.id is null then false else true end
                                 as is_open,
       o.is_stalled,
       o.stalled_since,
       o.stall_reason
  from orders o
  join customers c on c.id = o.customer_id
  left join crm_order_stage_instances s on s.order_id = o.id and s.left_at is null;

drop view crm_manager_workload_live_v;
create view crm_manager_workload_live_v as
select m.manager_id,
       (select count(*) from tasks t where t.assignee = m.manager_id and t.completed_at is null)
                                 as open_tasks,
       (select count(*) from tasks t
         where t.assignee = m.manager_id and t.completed_at is null and t.due_at < current_timestamp)
                                 as overdue_tasks,
       (select count(*) from crm_manager_followups f where f.manager_id = m.manager_id and f.status = 'open')
                                 as open_followups,
       (select count(*) from crm_manager_followups f
         where f.manager_id = m.manager_id and f.status = 'open' and f.due_at < current_timestamp)
                                 as overdue_followups,
       (select count(*) from crm_order_stage_instances s join orders o on o.id = s.order_id
         where o.manager_id = m.manager_id and s.is_sla_breached
           and s.sla_breached_at >= cast(current_date as timestamp))
                                 as breaches_today,
       (select count(*) from crm_touchpoints t left join orders o on o.id = t.order_id
         where coalesce(o.manager_id, t.manager_id) = m.manager_id
           and t.response_due_at is not null and t.responded_at is null)
                                 as open_reply_windows,
       (select count(*) from orders o where o.manager_id = m.manager_id and o.is_stalled)
                                 as stalled_orders
  from (select assignee as manager_id from tasks where assignee is not null
        union select manager_id from crm_manager_followups where manager_id is not null
        union select manager_id from orders where manager_id is not null) m;
