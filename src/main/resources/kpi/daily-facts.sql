-- The KPI statements (KpiDailyFacts), for a range of days: a full recompute and the one-day recompute are the same
-- statements, the latter with a one-day range. Named parameters: :fromDay/:toDay (the fact dates, inclusive),
-- :fromTz/:toTz (the range's bounds in the managers' zone, for CRM timestamps with time zone), :days (the calendar id
-- under which kpi_work_intervals holds the range's days, midnight to midnight in the managers' zone, as engine-local
-- timestamps: WorkIntervals.DAYS), :manager (null = every manager), :computedAt.
-- One pass over the range grouped by manager and day: every source row in the range is joined once to the day its
-- timestamp falls in (an index range scan per day on the source's timestamp), every measure is one sparse row per
-- source record and day in a UNION ALL. Owners (stage visit -> task assignee) and business time (task -> working
-- intervals) are joins, not per-row subqueries.
-- The terminal statuses ('closed', 'cancelled') are named here, not in Java: they are KPI definitions of seed 000 §10.

-- @statement deleteFacts
delete from manager_kpi_daily_facts
 where fact_date >= :fromDay and fact_date <= :toDay and (:manager is null or manager_id = :manager)

-- @statement deleteChannels
delete from manager_kpi_daily_channels
 where fact_date >= :fromDay and fact_date <= :toDay and (:manager is null or manager_id = :manager)

-- @statement deleteWebsite
delete from crm_website_kpi_daily where fact_date >= :fromDay and fact_date <= :toDay

-- @statement insertFacts
insert into manager_kpi_daily_facts (manager_id, fact_date, computed_at, tasks_completed, handling_median_seconds,
    handling_p90_seconds, stage_sla_met, stage_sla_warned, stage_sla_breached, replies_met, replies_breached,
    first_reply_median_seconds, followups_on_time, followups_late, followups_open_overdue, touchpoints_inbound,
    touchpoints_outbound, orders_advanced, orders_closed, orders_cancelled, refunds_eur, compensations_eur)
with days as (
  select w.work_date as fact_date, w.start_at, w.end_at
    from kpi_work_intervals w
   where w.calendar_id = :days and w.work_date >= :fromDay and w.work_date <= :toDay
)
select x.manager_id, x.fact_date, :computedAt, sum(x.tasks_completed),
       percentile_cont(0.5) within group (order by x.handling_seconds),
       percentile_cont(0.9) within group (order by x.handling_seconds),
       sum(x.sla_met), sum(x.sla_warned), sum(x.sla_breached), sum(x.replies_met), sum(x.replies_breached),
       percentile_cont(0.5) within group (order by x.reply_seconds),
       sum(x.fu_on_time), sum(x.fu_late), sum(x.fu_open_overdue), sum(x.tp_in), sum(x.tp_out),
       sum(x.advanced), sum(x.closed), sum(x.cancelled), sum(x.refunds), sum(x.compensations)
from (
  -- tasks completed, with their handling time in business seconds (overlap with the ru-office working intervals;
  -- an interval lies within one day, so it starts at most two days before the task)
  select t.manager_id, t.fact_date, 1 as tasks_completed, t.handling_seconds,
         0 as sla_met, 0 as sla_warned, 0 as sla_breached, 0 as replies_met, 0 as replies_breached,
         cast(null as numeric(14, 1)) as reply_seconds, 0 as fu_on_time, 0 as fu_late, 0 as fu_open_overdue,
         0 as tp_in, 0 as tp_out, 0 as advanced, 0 as closed, 0 as cancelled,
         cast(0 as numeric(14, 2)) as refunds, cast(0 as numeric(14, 2)) as compensations
    from (select h.ID_, h.ASSIGNEE_ as manager_id, d.fact_date,
                 cast(coalesce(sum(case when w.start_at is not null -- PostgreSQL's least/greatest skip nulls
                                        then extract(epoch from (least(h.END_TIME_, w.end_at)
                                                                 - greatest(h.START_TIME_, w.start_at))) end), 0)
                      as numeric(14, 1)) as handling_seconds
            from days d
            join ACT_HI_TASKINST h on h.END_TIME_ >= d.start_at and h.END_TIME_ < d.end_at
            left join kpi_work_intervals w on w.calendar_id = 'ru-office' and w.start_at < h.END_TIME_
                 and w.end_at > h.START_TIME_ and w.start_at > h.START_TIME_ - interval '2' day
           where h.ASSIGNEE_ is not null and h.DELETE_REASON_ = 'completed'
           group by h.ID_, h.ASSIGNEE_, d.fact_date) t
  union all
  -- stage visits: SLA met (left) / warned / breached where the clock counts against the manager; stages advanced
  -- (left). Owner = the assignee of the stage's user task, else the order's manager: one join for the range's visits.
  select v.owner, e.fact_date, 0, cast(null as numeric(14, 1)), e.met, e.warned, e.breached,
         0, 0, cast(null as numeric(14, 1)), 0, 0, 0, 0, 0, e.advanced, 0, 0,
         cast(0 as numeric(14, 2)), cast(0 as numeric(14, 2))
    from (select s.id as visit_id, d.fact_date,
                 case when s.counts_against_manager and not s.is_sla_breached then 1 else 0 end as met,
                 0 as warned, 0 as breached, 1 as advanced
            from days d join crm_order_stage_instances s on s.left_at >= d.start_at and s.left_at < d.end_at
          union all
          select s.id, d.fact_date, 0, case when s.counts_against_manager then 1 else 0 end, 0, 0
            from days d join crm_order_stage_instances s on s.sla_warned_at >= d.start_at and s.sla_warned_at < d.end_at
          union all
          select s.id, d.fact_date, 0, 0, case when s.counts_against_manager and s.is_sla_breached then 1 else 0 end, 0
            from days d
            join crm_order_stage_instances s on s.sla_breached_at >= d.start_at and s.sla_breached_at < d.end_at) e
    join (select s.id, coalesce(max(h.ASSIGNEE_), max(o.manager_id)) as owner
            from crm_order_stage_instances s
            join orders o on o.id = s.order_id
            left join ACT_HI_TASKINST h on h.ACT_INST_ID_ = s.activity_instance_id
           where (s.left_at >= :fromTz and s.left_at < :toTz)
              or (s.sla_warned_at >= :fromTz and s.sla_warned_at < :toTz)
              or (s.sla_breached_at >= :fromTz and s.sla_breached_at < :toTz)
           group by s.id) v on v.id = e.visit_id
  union all
  -- touchpoints (by direction, on the day they occurred) and reply windows (met on the reply's day, breached on the
  -- breach's day), for the order's manager (else the touchpoint's manager)
  select coalesce(o.manager_id, e.manager_id), e.fact_date, 0, cast(null as numeric(14, 1)), 0, 0, 0,
         e.replies_met, e.replies_breached, e.reply_seconds, 0, 0, 0, e.tp_in, e.tp_out, 0, 0, 0,
         cast(0 as numeric(14, 2)), cast(0 as numeric(14, 2))
    from (select t.order_id, t.manager_id, d.fact_date, 0 as replies_met, 0 as replies_breached,
                 cast(null as numeric(14, 1)) as reply_seconds,
                 case when t.direction = 'inbound' then 1 else 0 end as tp_in,
                 case when t.direction = 'outbound' then 1 else 0 end as tp_out
            from days d join crm_touchpoints t on t.occurred_at >= d.start_at and t.occurred_at < d.end_at
          union all
          select t.order_id, t.manager_id, d.fact_date,
                 case when t.response_due_at is not null and t.responded_at <= t.response_due_at then 1 else 0 end, 0,
                 case when t.response_due_at is not null
                      then cast(extract(epoch from (t.responded_at - t.occurred_at)) as numeric(14, 1)) end, 0, 0
            from days d join crm_touchpoints t on t.responded_at >= d.start_at and t.responded_at < d.end_at
          union all
          select t.order_id, t.manager_id, d.fact_date, 0, case when t.is_sla_breached then 1 else 0 end,
                 cast(null as numeric(14, 1)), 0, 0
            from days d join crm_touchpoints t on t.sla_breached_at >= d.start_at and t.sla_breached_at < d.end_at) e
    left join orders o on o.id = e.order_id
  union all
  -- follow-ups completed on time / late that day
  select f.manager_id, d.fact_date, 0, cast(null as numeric(14, 1)), 0, 0, 0, 0, 0, cast(null as numeric(14, 1)),
         case when f.completed_on_time then 1 else 0 end, case when not f.completed_on_time then 1 else 0 end, 0,
         0, 0, 0, 0, 0, cast(0 as numeric(14, 2)), cast(0 as numeric(14, 2))
    from days d join crm_manager_followups f on f.completed_at >= d.start_at and f.completed_at < d.end_at
  union all
  -- follow-ups open and overdue at the day's end
  select f.manager_id, d.fact_date, 0, cast(null as numeric(14, 1)), 0, 0, 0, 0, 0, cast(null as numeric(14, 1)),
         0, 0, case when f.created_at < d.end_at then 1 else 0 end,
         0, 0, 0, 0, 0, cast(0 as numeric(14, 2)), cast(0 as numeric(14, 2))
    from days d
    join crm_manager_followups f on f.due_at < d.end_at and f.status <> 'cancelled'
         and (f.completed_at is null or f.completed_at >= d.end_at)
  union all
  -- orders closed or cancelled that day (the order's manager)
  select o.manager_id, d.fact_date, 0, cast(null as numeric(14, 1)), 0, 0, 0, 0, 0, cast(null as numeric(14, 1)),
         0, 0, 0, 0, 0, 0,
         case when e.to_status = 'closed' then 1 else 0 end, case when e.to_status = 'cancelled' then 1 else 0 end,
         cast(0 as numeric(14, 2)), cast(0 as numeric(14, 2))
    from days d
    join order_status_events e on e.changed_at >= d.start_at and e.changed_at < d.end_at
    join orders o on o.id = e.order_id
   where e.to_status in ('closed', 'cancelled')
  union all
  -- refund and compensation amounts (EUR) requested that day and not rejected, against the manager who owned the
  -- order stage where the problem arose (the case's accountable manager), else the order's manager (README "Cases")
  select coalesce(oc.accountable_manager_id, o.manager_id), d.fact_date, 0, cast(null as numeric(14, 1)), 0, 0, 0, 0,
         0, cast(null as numeric(14, 1)), 0, 0, 0, 0, 0, 0, 0, 0, r.amount, cast(0 as numeric(14, 2))
    from days d
    join refund_requests r on r.created_at >= d.start_at and r.created_at < d.end_at
    join orders o on o.id = r.order_id
    left join order_cases oc on oc.id = r.case_id
   where r.currency = 'EUR' and r.status <> 'rejected'
  union all
  select coalesce(oc.accountable_manager_id, o.manager_id), d.fact_date, 0, cast(null as numeric(14, 1)), 0, 0, 0, 0,
         0, cast(null as numeric(14, 1)), 0, 0, 0, 0, 0, 0, 0, 0, cast(0 as numeric(14, 2)), c.amount
    from days d
    join compensation_requests c on c.created_at >= d.start_at and c.created_at < d.end_at
    join orders o on o.id = c.order_id
    left join order_cases oc on oc.id = c.case_id
   where c.currency = 'EUR' and c.status <> 'rejected'
) x
where x.manager_id is not null and (:manager is null or x.manager_id = :manager)
group by x.manager_id, x.fact_date

-- @statement insertChannels
insert into manager_kpi_daily_channels (manager_id, fact_date, channel, direction, touchpoints)
select y.manager_id, y.fact_date, y.channel, y.direction, count(*)
from (select coalesce(o.manager_id, t.manager_id) as manager_id, d.work_date as fact_date, t.channel, t.direction
        from kpi_work_intervals d
        join crm_touchpoints t on t.occurred_at >= d.start_at and t.occurred_at < d.end_at
        left join orders o on o.id = t.order_id
       where d.calendar_id = :days and d.work_date >= :fromDay and d.work_date <= :toDay) y
where y.manager_id is not null and (:manager is null or y.manager_id = :manager)
group by y.manager_id, y.fact_date, y.channel, y.direction

-- @statement insertWebsite
insert into crm_website_kpi_daily (fact_date, leads_created, leads_converted, lead_to_booked_rate, computed_at)
select d.work_date, count(l.id), coalesce(sum(case when l.converted_order_id is not null then 1 else 0 end), 0),
       case when count(l.id) = 0 then null
            else cast(sum(case when l.converted_order_id is not null then 1 else 0 end) as numeric(9, 4)) / count(l.id)
       end,
       :computedAt
from kpi_work_intervals d
left join leads l on l.created_at >= d.start_at and l.created_at < d.end_at
where d.calendar_id = :days and d.work_date >= :fromDay and d.work_date <= :toDay
group by d.work_date
