-- Order cases as processes of their own (issue #10): the case process (processes/order-case.bpmn) and its routing
-- (dmn/case-routing.dmn). Owner: module cases (order_cases, refund_requests, compensation_requests).
-- Case kinds: refund | compensation | damage | delay | other. Case status: open | resolved | rejected.

alter table order_cases add column process_instance_id varchar(64);
alter table order_cases add column origin varchar(30);                 -- order_flow | api | tasklist | complaint
alter table order_cases add column reason_code varchar(60);            -- cancelled | client_declined | damage | ...
alter table order_cases add column amount numeric(12, 2);
alter table order_cases add column currency char(3) default 'EUR';
alter table order_cases add column customer_tier varchar(30);
alter table order_cases add column approval_required boolean default false not null;
alter table order_cases add column approver_role varchar(64);
alter table order_cases add column settlement varchar(30);             -- refund_payment | payment | voucher | discount
alter table order_cases add column decision varchar(30);               -- auto_approved | approved | rejected
alter table order_cases add column decided_by varchar(64);
alter table order_cases add column decided_at timestamp with time zone;
alter table order_cases add column decision_comment varchar(4000);
alter table order_cases add column resolution varchar(4000);
alter table order_cases add column resolved_by varchar(64);
-- the case's own resolution budget (routing table), in the calendar of the party whose clock runs
alter table order_cases add column sla_due_at timestamp with time zone;
alter table order_cases add column sla_calendar varchar(60);
alter table order_cases add column clock_owner varchar(30);
-- KPI: the manager who owned the order stage where the problem arose, and that stage (README "Order cases")
alter table order_cases add column accountable_manager_id varchar(64);
alter table order_cases add column problem_stage varchar(60);
create index ix_order_cases_status on order_cases (status, opened_at);
create index ix_order_cases_process on order_cases (process_instance_id);

alter table refund_requests add column decided_by varchar(64);
alter table refund_requests add column decided_at timestamp with time zone;
alter table refund_requests add column paid_by varchar(64);
alter table refund_requests add column paid_at timestamp with time zone;
alter table refund_requests add column payment_id bigint references payments (id);

alter table compensation_requests add column settlement varchar(30);
alter table compensation_requests add column reference varchar(200);
alter table compensation_requests add column decided_by varchar(64);
alter table compensation_requests add column decided_at timestamp with time zone;
alter table compensation_requests add column paid_by varchar(64);
alter table compensation_requests add column paid_at timestamp with time zone;
alter table compensation_requests add column payment_id bigint references payments (id);

-- a stage visit of a case process belongs to its case (the stage module writes it; cases read it)
alter table crm_order_stage_instances add column case_id bigint references order_cases (id);
create index ix_stage_instances_case on crm_order_stage_instances (case_id);

-- The order's current stage is its order-flow stage: a case's open step is not the order's stage (the case
-- shows in the order's cases). Paid amount nets refunds and compensations paid out.
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
       (select coalesce(sum(case when p.kind in ('refund', 'compensation') then -p.amount else p.amount end), 0)
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
  left join crm_order_stage_instances s on s.order_id = o.id and s.left_at is null and s.case_id is null;

drop view crm_order_control_v;
create view crm_order_control_v as
select o.id                 as order_id,
       o.external_id,
       o.status,
       o.customer_id,
       c.display_name       as customer_name,
       c.tier               as customer_tier,
       o.manager_id,
       o.created_at,
       o.updated_at,
       s.stage              as current_stage,
       s.entered_at         as stage_entered_at,
       s.sla_due_at,
       s.sla_warned_at,
       coalesce(s.is_sla_breached, false) as is_sla_breached,
       s.sla_breached_at,
       coalesce(s.escalation_level, 0)    as escalation_level,
       s.clock_owner,
       coalesce(s.on_hold, false)         as on_hold,
       case when s.id is null then 'none'
            when s.is_sla_breached then 'breached'
            when s.sla_warned_at is not null then 'warned'
            when s.sla_due_at is null then 'none'
            else 'on_time' end            as sla_state,
       case when s.is_sla_breached then s.clock_owner end as delayed_party,
       (select count(*) from tasks t where t.order_id = o.id and t.completed_at is null) as open_tasks,
       o.is_stalled,
       o.stalled_since,
       o.stall_reason,
       case when s.id is null then false else true end as is_open
  from orders o
  join customers c on c.id = o.customer_id
  left join crm_order_stage_instances s on s.order_id = o.id and s.left_at is null and s.case_id is null;
