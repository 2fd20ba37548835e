-- Issue #10, rest: complaints open order cases, outside-party delays in the manager workload.
-- Owners: touchpoints (crm_touchpoints.complaint_kind), cases (order_cases.source_touchpoint_id).

-- an inbound contact the sender marked as a complaint, with the kind of case it asks for (refund, compensation,
-- damage, delay, other); null for every other contact
alter table crm_touchpoints add column complaint_kind varchar(30);

-- the complaint a case was opened for: one case per complaint
alter table order_cases add column source_touchpoint_id bigint references crm_touchpoints (id);
create unique index ux_order_cases_source_touchpoint on order_cases (source_touchpoint_id);

-- delayed orders: the open stage of a manager's order is past its SLA on an outside party's clock (client,
-- seller, carrier, ...), the same rule as the order's `delay` in /cjm and the 360
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
                                 as stalled_orders,
       (select count(distinct s.order_id) from crm_order_stage_instances s join orders o on o.id = s.order_id
         where o.manager_id = m.manager_id and s.left_at is null and s.is_sla_breached
           and s.clock_owner is not null and s.clock_owner <> 'manager')
                                 as delayed_orders
  from (select assignee as manager_id from tasks where assignee is not null
        union select manager_id from crm_manager_followups where manager_id is not null
        union select manager_id from orders where manager_id is not null) m;
