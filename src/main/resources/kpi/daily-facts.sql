-- The daily KPI statements (KpiDailyFacts). Named parameters: :day (the fact date), :fromTz/:toTz (the day's bounds
-- in the managers' zone, for CRM timestamps with time zone), :fromTs/:toTs (the same bounds as engine-local
-- timestamps, for ACT_HI_*), :manager (null = every manager), :computedAt.
-- Every measure is one sparse row per source record in a UNION ALL, grouped per manager: set-based, one pass per day.
-- The terminal statuses ('closed', 'cancelled') are named here, not in Java: they are KPI definitions of seed 000 §10.

-- @statement deleteFacts
delete from manager_kpi_daily_facts where fact_date = :day and (:manager is null or manager_id = :manager)

-- @statement deleteChannels
delete from manager_kpi_daily_channels where fact_date = :day and (:manager is null or manager_id = :manager)

-- @statement deleteWebsite
delete from crm_website_kpi_daily where fact_date = :day

-- @statement insertFacts
insert into manager_kpi_daily_facts (manager_id, fact_date, computed_at, tasks_completed, handling_median_seconds,
    handling_p90_seconds, stage_sla_met, stage_sla_warned, stage_sla_breached, replies_met, replies_breached,
    first_reply_median_seconds, followups_on_time, followups_late, followups_open_overdue, touchpoints_inbound,
    touchpoints_outbound, orders_advanced, orders_closed, orders_cancelled, refunds_eur, compensations_eur)
select x.manager_id, :day, :computedAt, sum(x.tasks_completed),
       percentile_cont(0.5) within group (order by x.handling_seconds),
       percentile_cont(0.9) within group (order by x.handling_seconds),
       sum(x.sla_met), sum(x.sla_warned), sum(x.sla_breached), sum(x.replies_met), sum(x.replies_breached),
       percentile_cont(0.5) within group (order by x.reply_seconds),
       sum(x.fu_on_time), sum(x.fu_late), sum(x.fu_open_overdue), sum(x.tp_in), sum(x.tp_out),
       sum(x.advanced), sum(x.closed), sum(x.cancelled), sum(x.refunds), sum(x.compensations)
from (
  -- tasks completed, with their handling time in business seconds (overlap with the ru-office working intervals)
  select h.ASSIGNEE_ as manager_id, 1 as tasks_completed,
         cast((select coalesce(sum(extract(epoch from (least(h.END_TIME_, w.end_at) - greatest(h.START_TIME_, w.start_at)))), 0)
                 from kpi_work_intervals w
                where w.calendar_id = 'ru-office' and w.start_at < h.END_TIME_ and w.end_at > h.START_TIME_)
              as numeric(14, 1)) as handling_seconds,
         0 as sla_met, 0 as sla_warned, 0 as sla_breached, 0 as replies_met, 0 as replies_breached,
         cast(null as numeric(14, 1)) as reply_seconds, 0 as fu_on_time, 0 as fu_late, 0 as fu_open_overdue,
         0 as tp_in, 0 as tp_out, 0 as advanced, 0 as closed, 0 as cancelled,
         cast(0 as numeric(14, 2)) as refunds, cast(0 as numeric(14, 2)) as compensations
    from ACT_HI_TASKINST h
   where h.ASSIGNEE_ is not null and h.END_TIME_ >= :fromTs and h.END_TIME_ < :toTs and h.DELETE_REASON_ = 'completed'
  union all
  -- stage visits: SLA met / warned / breached where the clock counts against the manager; stages advanced. Owner =
  -- the assignee of the stage's user task, else the order's manager.
  select coalesce((select max(h.ASSIGNEE_) from ACT_HI_TASKINST h where h.ACT_INST_ID_ = s.activity_instance_id),
                  o.manager_id),
         0, cast(null as numeric(14, 1)),
         case when s.counts_against_manager and s.left_at >= :fromTz and s.left_at < :toTz and not s.is_sla_breached
              then 1 else 0 end,
         case when s.counts_against_manager and s.sla_warned_at >= :fromTz and s.sla_warned_at < :toTz then 1 else 0 end,
         case when s.counts_against_manager and s.is_sla_breached and s.sla_breached_at >= :fromTz
                   and s.sla_breached_at < :toTz then 1 else 0 end,
         0, 0, cast(null as numeric(14, 1)), 0, 0, 0, 0, 0,
         case when s.left_at >= :fromTz and s.left_at < :toTz then 1 else 0 end, 0, 0,
         cast(0 as numeric(14, 2)), cast(0 as numeric(14, 2))
    from crm_order_stage_instances s
    join orders o on o.id = s.order_id
   where (s.left_at >= :fromTz and s.left_at < :toTz)
      or (s.sla_warned_at >= :fromTz and s.sla_warned_at < :toTz)
      or (s.sla_breached_at >= :fromTz and s.sla_breached_at < :toTz)
  union all
  -- touchpoints (by direction) and reply windows, for the order's manager (else the touchpoint's manager)
  select coalesce(o.manager_id, t.manager_id), 0, cast(null as numeric(14, 1)), 0, 0, 0,
         case when t.response_due_at is not null and t.responded_at >= :fromTz and t.responded_at < :toTz
                   and t.responded_at <= t.response_due_at then 1 else 0 end,
         case when t.is_sla_breached and t.sla_breached_at >= :fromTz and t.sla_breached_at < :toTz then 1 else 0 end,
         case when t.response_due_at is not null and t.responded_at >= :fromTz and t.responded_at < :toTz
              then cast(extract(epoch from (t.responded_at - t.occurred_at)) as numeric(14, 1)) end,
         0, 0, 0,
         case when t.direction = 'inbound' and t.occurred_at >= :fromTz and t.occurred_at < :toTz then 1 else 0 end,
         case when t.direction = 'outbound' and t.occurred_at >= :fromTz and t.occurred_at < :toTz then 1 else 0 end,
         0, 0, 0, cast(0 as numeric(14, 2)), cast(0 as numeric(14, 2))
    from crm_touchpoints t
    left join orders o on o.id = t.order_id
   where (t.occurred_at >= :fromTz and t.occurred_at < :toTz)
      or (t.responded_at >= :fromTz and t.responded_at < :toTz)
      or (t.sla_breached_at >= :fromTz and t.sla_breached_at < :toTz)
  union all
  -- follow-ups completed on time / late that day, and open and overdue at the day's end
  select f.manager_id, 0, cast(null as numeric(14, 1)), 0, 0, 0, 0, 0, cast(null as numeric(14, 1)),
         case when f.completed_at >= :fromTz and f.completed_at < :toTz and f.completed_on_time then 1 else 0 end,
         case when f.completed_at >= :fromTz and f.completed_at < :toTz and not f.completed_on_time then 1 else 0 end,
         case when f.status <> 'cancelled' and f.created_at < :toTz and f.due_at < :toTz
                   and (f.completed_at is null or f.completed_at >= :toTz) then 1 else 0 end,
         0, 0, 0, 0, 0, cast(0 as numeric(14, 2)), cast(0 as numeric(14, 2))
    from crm_manager_followups f
   where (f.completed_at >= :fromTz and f.completed_at < :toTz)
      or (f.due_at < :toTz and f.status <> 'cancelled' and (f.completed_at is null or f.completed_at >= :toTz))
  union all
  -- orders closed or cancelled that day (the order's manager)
  select o.manager_id, 0, cast(null as numeric(14, 1)), 0, 0, 0, 0, 0, cast(null as numeric(14, 1)), 0, 0, 0, 0, 0, 0,
         case when e.to_status = 'closed' then 1 else 0 end, case when e.to_status = 'cancelled' then 1 else 0 end,
         cast(0 as numeric(14, 2)), cast(0 as numeric(14, 2))
    from order_status_events e
    join orders o on o.id = e.order_id
   where e.changed_at >= :fromTz and e.changed_at < :toTz and e.to_status in ('closed', 'cancelled')
  union all
  -- refund and compensation amounts (EUR) requested that day and not rejected, against the manager who owned the
  -- order stage where the problem arose (the case's accountable manager), else the order's manager (README "Cases")
  select coalesce(oc.accountable_manager_id, o.manager_id), 0, cast(null as numeric(14, 1)), 0, 0, 0, 0, 0,
         cast(null as numeric(14, 1)), 0, 0, 0, 0, 0, 0, 0, 0, r.amount, cast(0 as numeric(14, 2))
    from refund_requests r
    join orders o on o.id = r.order_id
    left join order_cases oc on oc.id = r.case_id
   where r.created_at >= :fromTz and r.created_at < :toTz and r.currency = 'EUR' and r.status <> 'rejected'
  union all
  select coalesce(oc.accountable_manager_id, o.manager_id), 0, cast(null as numeric(14, 1)), 0, 0, 0, 0, 0,
         cast(null as numeric(14, 1)), 0, 0, 0, 0, 0, 0, 0, 0, cast(0 as numeric(14, 2)), c.amount
    from compensation_requests c
    join orders o on o.id = c.order_id
    left join order_cases oc on oc.id = c.case_id
   where c.created_at >= :fromTz and c.created_at < :toTz and c.currency = 'EUR' and c.status <> 'rejected'
) x
where x.manager_id is not null and (:manager is null or x.manager_id = :manager)
group by x.manager_id

-- @statement insertChannels
insert into manager_kpi_daily_channels (manager_id, fact_date, channel, direction, touchpoints)
select y.manager_id, :day, y.channel, y.direction, count(*)
from (select coalesce(o.manager_id, t.manager_id) as manager_id, t.channel, t.direction
        from crm_touchpoints t
        left join orders o on o.id = t.order_id
       where t.occurred_at >= :fromTz and t.occurred_at < :toTz) y
where y.manager_id is not null and (:manager is null or y.manager_id = :manager)
group by y.manager_id, y.channel, y.direction

-- @statement insertWebsite
insert into crm_website_kpi_daily (fact_date, leads_created, leads_converted, lead_to_booked_rate, computed_at)
select :day, count(*), coalesce(sum(case when l.converted_order_id is not null then 1 else 0 end), 0),
       case when count(*) = 0 then null
            else cast(sum(case when l.converted_order_id is not null then 1 else 0 end) as numeric(9, 4)) / count(*) end,
       :computedAt
from leads l
where l.created_at >= :fromTz and l.created_at < :toTz
