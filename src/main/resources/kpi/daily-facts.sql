-- The KPI statements (KpiDailyFacts), for a range of days: a full recompute and the one-day recompute are the same
-- statements, the latter with a one-day range. Named parameters: :fromDay/:toDay (the fact dates, inclusive),
-- :fromTz/:toTz (the range's bounds in the managers' zone, for CRM timestamps with time zone), :firstDayEndTz (the end
-- of the range's first day, alike), :fromTs/:toTs (the same bounds as engine-local timestamps, for ACT_HI_*), :days
-- (the calendar id under which kpi_work_intervals holds the range's days, midnight to midnight in the managers' zone,
-- as engine-local timestamps: WorkIntervals.DAYS), :manager (null = every manager), :computedAt.
-- The day a time falls on is written kpi_day(t) for a timestamp with time zone and kpi_engine_day(t) for an
-- engine-local one (ACT_HI_*): KpiDailyFacts writes them out for the database as the local date in the managers' zone
-- (PostgreSQL: cast(t at time zone 'Europe/Moscow' as date)), so a source row needs no join to find its day.
-- One pass over the range grouped by manager and day: every source row in the range (its timestamp's index) is read
-- once and grouped by the day of its timestamp. Each source is aggregated per manager and day on its own, and the
-- UNION ALL of those few rows summed up. Business time (task -> working intervals) is a bounded subquery per task;
-- the owner of a stage visit (-> its task's assignee) a join. The touchpoints are read once, by the channel insert;
-- the facts sum its rows (so insertChannels runs before insertFacts).
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
with
-- A follow-up (not cancelled) is open and overdue at the end of the days from the one of its due date (or of its
-- creation, if later; the range's first day if earlier) to the day before its completion: +1 on that first day, -1 on
-- the day of its completion. Three index ranges, so no follow-up outside the range's spans is read: overdue before
-- the range and never completed (completed_at null and due_at < :fromTz), overdue before the range and completed after
-- the end of its first day (completed_at >= :firstDayEndTz and due_at < :fromTz), overdue from a day of the range
-- (due_at or created_at in the range, the later of the two deciding the day). Each span is counted per manager and
-- days (n), so the follow-ups open for ever (all read for a day late in the history) are a row per manager, not one
-- each.
overdue_spans as (
  select f.manager_id, cast(:fromDay as date) as first_day, cast(null as date) as completed_day, count(*) as n
    from crm_manager_followups f
   where f.completed_at is null and f.due_at < :fromTz and f.created_at < :fromTz and f.status <> 'cancelled'
   group by f.manager_id
  union all
  select f.manager_id, cast(:fromDay as date), e.work_date, count(*)
    from crm_manager_followups f
    left join kpi_work_intervals e on e.calendar_id = :days and e.work_date between :fromDay and :toDay
         and e.start_at <= f.completed_at and e.end_at > f.completed_at
         and e.start_at > f.completed_at - interval '2' day
   where f.completed_at >= :firstDayEndTz and f.due_at < :fromTz and f.created_at < :fromTz
     and f.status <> 'cancelled'
   group by f.manager_id, e.work_date
  union all
  select f.manager_id, s.work_date, e.work_date, count(*)
    from crm_manager_followups f
    join kpi_work_intervals s on s.calendar_id = :days and s.work_date between :fromDay and :toDay
         and s.start_at <= greatest(f.created_at, f.due_at) and s.end_at > greatest(f.created_at, f.due_at)
         and s.start_at > greatest(f.created_at, f.due_at) - interval '2' day
    left join kpi_work_intervals e on e.calendar_id = :days and e.work_date between :fromDay and :toDay
         and e.start_at <= f.completed_at and e.end_at > f.completed_at
         and e.start_at > f.completed_at - interval '2' day
   where ((f.due_at >= :fromTz and f.due_at < :toTz and f.created_at < :toTz)
          or (f.created_at >= :fromTz and f.created_at < :toTz and f.due_at < :toTz))
     and f.status <> 'cancelled' and (f.completed_at is null or f.completed_at >= s.end_at)
   group by f.manager_id, s.work_date, e.work_date
),
overdue_changes as (
  select manager_id, first_day as fact_date, n as delta from overdue_spans
  union all
  select manager_id, completed_day, -n from overdue_spans where completed_day is not null
)
-- Every source is aggregated per manager and day on its own (a hash aggregate; a sort only where a percentile needs
-- one, over the narrow rows that carry it), and the sources' few rows per manager and day are then summed up: the
-- sparse rows of a long range are never sorted together. An owner is found by a join (hash join over a long range,
-- index lookups over a day), not a lookup per row.
select x.manager_id, x.fact_date, :computedAt, sum(x.tasks_completed), max(x.handling_median), max(x.handling_p90),
       sum(x.sla_met), sum(x.sla_warned), sum(x.sla_breached), sum(x.replies_met), sum(x.replies_breached),
       max(x.reply_median), sum(x.fu_on_time), sum(x.fu_late), sum(x.fu_open_overdue), sum(x.tp_in), sum(x.tp_out),
       sum(x.advanced), sum(x.closed), sum(x.cancelled), sum(x.refunds), sum(x.compensations)
from (
  -- tasks completed, with their handling time in business seconds (overlap with the ru-office working intervals;
  -- an interval lies within one day, so it starts at most two days before the task): one row per task, its day by
  -- the bounded join, its business time one index range of the intervals (no grouping of task × interval rows)
  select t.manager_id, t.fact_date, count(*) as tasks_completed,
         cast(percentile_cont(0.5) within group (order by t.handling_seconds) as numeric(14, 1)) as handling_median,
         cast(percentile_cont(0.9) within group (order by t.handling_seconds) as numeric(14, 1)) as handling_p90,
         0 as sla_met, 0 as sla_warned, 0 as sla_breached, 0 as replies_met, 0 as replies_breached,
         cast(null as numeric(14, 1)) as reply_median, 0 as fu_on_time, 0 as fu_late, 0 as fu_open_overdue,
         0 as tp_in, 0 as tp_out, 0 as advanced, 0 as closed, 0 as cancelled,
         cast(0 as numeric(14, 2)) as refunds, cast(0 as numeric(14, 2)) as compensations
    from (select h.ASSIGNEE_ as manager_id, kpi_engine_day(h.END_TIME_) as fact_date,
                 cast(coalesce((select sum(extract(epoch from (least(h.END_TIME_, w.end_at)
                                                               - greatest(h.START_TIME_, w.start_at))))
                                  from kpi_work_intervals w
                                 where w.calendar_id = 'ru-office' and w.start_at < h.END_TIME_
                                   and w.end_at > h.START_TIME_ and w.start_at > h.START_TIME_ - interval '2' day), 0)
                      as numeric(14, 1)) as handling_seconds
            from ACT_HI_TASKINST h
           where h.END_TIME_ >= :fromTs and h.END_TIME_ < :toTs and h.ASSIGNEE_ is not null
             and h.DELETE_REASON_ = 'completed'
          offset 0 rows) t -- evaluated once per task, not once per percentile (PostgreSQL inlines the subquery)
   group by t.manager_id, t.fact_date
  union all
  -- stage visits: SLA met (left) / warned / breached where the clock counts against the manager; stages advanced
  -- (left). Owner = the assignee of the stage's user task (an activity instance has one task at most), else the
  -- order's manager (a visit's order_id is not null and references orders).
  select coalesce(h.ASSIGNEE_, o.manager_id), e.fact_date, 0, cast(null as numeric(14, 1)),
         cast(null as numeric(14, 1)), sum(e.met), sum(e.warned), sum(e.breached), 0, 0, cast(null as numeric(14, 1)),
         0, 0, 0, 0, 0, sum(e.advanced), 0, 0, cast(0 as numeric(14, 2)), cast(0 as numeric(14, 2))
    from (select s.activity_instance_id, s.order_id, kpi_day(s.left_at) as fact_date,
                 case when s.counts_against_manager and not s.is_sla_breached then 1 else 0 end as met,
                 0 as warned, 0 as breached, 1 as advanced
            from crm_order_stage_instances s
           where s.left_at >= :fromTz and s.left_at < :toTz
          union all
          select s.activity_instance_id, s.order_id, kpi_day(s.sla_warned_at), 0,
                 case when s.counts_against_manager then 1 else 0 end, 0, 0
            from crm_order_stage_instances s
           where s.sla_warned_at >= :fromTz and s.sla_warned_at < :toTz
          union all
          select s.activity_instance_id, s.order_id, kpi_day(s.sla_breached_at), 0, 0,
                 case when s.counts_against_manager and s.is_sla_breached then 1 else 0 end, 0
            from crm_order_stage_instances s
           where s.sla_breached_at >= :fromTz and s.sla_breached_at < :toTz) e
    left join ACT_HI_TASKINST h on h.ACT_INST_ID_ = e.activity_instance_id and h.ASSIGNEE_ is not null
    join orders o on o.id = e.order_id
   group by coalesce(h.ASSIGNEE_, o.manager_id), e.fact_date
  union all
  -- touchpoints by direction: the channel rows of the range (insertChannels, run first), summed over the channels
  select c.manager_id, c.fact_date, 0, cast(null as numeric(14, 1)), cast(null as numeric(14, 1)), 0, 0, 0, 0, 0,
         cast(null as numeric(14, 1)), 0, 0, 0,
         sum(case when c.direction = 'inbound' then c.touchpoints else 0 end),
         sum(case when c.direction = 'outbound' then c.touchpoints else 0 end), 0, 0, 0,
         cast(0 as numeric(14, 2)), cast(0 as numeric(14, 2))
    from manager_kpi_daily_channels c
   where c.fact_date >= :fromDay and c.fact_date <= :toDay and (:manager is null or c.manager_id = :manager)
   group by c.manager_id, c.fact_date
  union all
  -- replies within their window (on the reply's day) and their first-reply time
  select coalesce(o.manager_id, t.manager_id), kpi_day(t.responded_at), 0, cast(null as numeric(14, 1)),
         cast(null as numeric(14, 1)), 0, 0, 0,
         sum(case when t.responded_at <= t.response_due_at then 1 else 0 end), 0,
         cast(percentile_cont(0.5) within group (
                order by cast(extract(epoch from (t.responded_at - t.occurred_at)) as numeric(14, 1)))
              as numeric(14, 1)),
         0, 0, 0, 0, 0, 0, 0, 0, cast(0 as numeric(14, 2)), cast(0 as numeric(14, 2))
    from crm_touchpoints t
    left join orders o on o.id = t.order_id
   where t.responded_at >= :fromTz and t.responded_at < :toTz and t.response_due_at is not null
   group by coalesce(o.manager_id, t.manager_id), kpi_day(t.responded_at)
  union all
  -- reply windows breached, on the breach's day
  select coalesce(o.manager_id, t.manager_id), kpi_day(t.sla_breached_at), 0, cast(null as numeric(14, 1)),
         cast(null as numeric(14, 1)), 0, 0, 0, 0, sum(case when t.is_sla_breached then 1 else 0 end),
         cast(null as numeric(14, 1)), 0, 0, 0, 0, 0, 0, 0, 0, cast(0 as numeric(14, 2)), cast(0 as numeric(14, 2))
    from crm_touchpoints t
    left join orders o on o.id = t.order_id
   where t.sla_breached_at >= :fromTz and t.sla_breached_at < :toTz
   group by coalesce(o.manager_id, t.manager_id), kpi_day(t.sla_breached_at)
  union all
  -- follow-ups completed on time / late that day
  select f.manager_id, kpi_day(f.completed_at), 0, cast(null as numeric(14, 1)), cast(null as numeric(14, 1)),
         0, 0, 0, 0, 0, cast(null as numeric(14, 1)), sum(case when f.completed_on_time then 1 else 0 end),
         sum(case when not f.completed_on_time then 1 else 0 end), 0, 0, 0, 0, 0, 0,
         cast(0 as numeric(14, 2)), cast(0 as numeric(14, 2))
    from crm_manager_followups f
   where f.completed_at >= :fromTz and f.completed_at < :toTz
   group by f.manager_id, kpi_day(f.completed_at)
  union all
  -- follow-ups open and overdue at the day's end: their changes summed up over the range's days, per manager
  select c.manager_id, c.fact_date, 0, cast(null as numeric(14, 1)), cast(null as numeric(14, 1)), 0, 0, 0, 0, 0,
         cast(null as numeric(14, 1)), 0, 0, c.open_overdue, 0, 0, 0, 0, 0,
         cast(0 as numeric(14, 2)), cast(0 as numeric(14, 2))
    from (select g.manager_id, g.fact_date,
                 sum(coalesce(ch.delta, 0)) over (partition by g.manager_id order by g.fact_date
                                                  rows between unbounded preceding and current row) as open_overdue
            from (select m.manager_id, d.work_date as fact_date
                    from (select distinct manager_id from overdue_changes) m
                    cross join kpi_work_intervals d
                   where d.calendar_id = :days and d.work_date >= :fromDay and d.work_date <= :toDay) g
            left join (select manager_id, fact_date, sum(delta) as delta from overdue_changes
                        group by manager_id, fact_date) ch
                   on ch.manager_id = g.manager_id and ch.fact_date = g.fact_date) c
   where c.open_overdue > 0
  union all
  -- orders closed or cancelled that day (the order's manager)
  select o.manager_id, kpi_day(e.changed_at), 0, cast(null as numeric(14, 1)), cast(null as numeric(14, 1)),
         0, 0, 0, 0, 0, cast(null as numeric(14, 1)), 0, 0, 0, 0, 0, 0,
         sum(case when e.to_status = 'closed' then 1 else 0 end),
         sum(case when e.to_status = 'cancelled' then 1 else 0 end),
         cast(0 as numeric(14, 2)), cast(0 as numeric(14, 2))
    from order_status_events e
    join orders o on o.id = e.order_id
   where e.changed_at >= :fromTz and e.changed_at < :toTz and e.to_status in ('closed', 'cancelled')
   group by o.manager_id, kpi_day(e.changed_at)
  union all
  -- refund and compensation amounts (EUR) requested that day and not rejected, against the manager who owned the
  -- order stage where the problem arose (the case's accountable manager), else the order's manager (README "Cases")
  select coalesce(oc.accountable_manager_id, o.manager_id), kpi_day(r.created_at), 0, cast(null as numeric(14, 1)),
         cast(null as numeric(14, 1)), 0, 0, 0, 0, 0, cast(null as numeric(14, 1)), 0, 0, 0, 0, 0, 0, 0, 0,
         sum(r.amount), cast(0 as numeric(14, 2))
    from refund_requests r
    join orders o on o.id = r.order_id
    left join order_cases oc on oc.id = r.case_id
   where r.created_at >= :fromTz and r.created_at < :toTz and r.currency = 'EUR' and r.status <> 'rejected'
   group by coalesce(oc.accountable_manager_id, o.manager_id), kpi_day(r.created_at)
  union all
  select coalesce(oc.accountable_manager_id, o.manager_id), kpi_day(c.created_at), 0, cast(null as numeric(14, 1)),
         cast(null as numeric(14, 1)), 0, 0, 0, 0, 0, cast(null as numeric(14, 1)), 0, 0, 0, 0, 0, 0, 0, 0,
         cast(0 as numeric(14, 2)), sum(c.amount)
    from compensation_requests c
    join orders o on o.id = c.order_id
    left join order_cases oc on oc.id = c.case_id
   where c.created_at >= :fromTz and c.created_at < :toTz and c.currency = 'EUR' and c.status <> 'rejected'
   group by coalesce(oc.accountable_manager_id, o.manager_id), kpi_day(c.created_at)
) x
where x.manager_id is not null and (:manager is null or x.manager_id = :manager)
group by x.manager_id, x.fact_date

-- @statement insertChannels
insert into manager_kpi_daily_channels (manager_id, fact_date, channel, direction, touchpoints)
select y.manager_id, y.fact_date, y.channel, y.direction, count(*)
from (select coalesce(o.manager_id, t.manager_id) as manager_id, kpi_day(t.occurred_at) as fact_date, t.channel,
             t.direction
        from crm_touchpoints t
        left join orders o on o.id = t.order_id
       where t.occurred_at >= :fromTz and t.occurred_at < :toTz) y
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
