package com.cjmflow.cases;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.EngineClock;
import com.cjmflow.platform.Page;
import com.cjmflow.platform.PagedQuery;

/** Reads cases with their request, their open step and their SLA (the list of the head of sales). */
@Component
class CaseQueries {

  /** Filters of the case list; null = any. {@code managerId} = the accountable manager or the order's manager. */
  record Query(String status, String kind, OffsetDateTime from, OffsetDateTime to, String managerId, Long orderId,
      int page, int size) {}

  private static final String FROM = """
      from order_cases oc
      join orders o on o.id = oc.order_id
      left join crm_order_stage_instances s on s.case_id = oc.id and s.left_at is null""";

  private static final String SELECT = """
      select oc.*, o.manager_id as order_manager_id, s.stage as step_stage, s.entered_at as step_entered_at,
             s.sla_due_at as step_sla_due_at, s.is_sla_breached as step_sla_breached,
             s.clock_owner as step_clock_owner""";

  private final JdbcClient jdbc;

  CaseQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<OrderCase> find(long caseId) {
    return jdbc.sql(SELECT + " " + FROM + " where oc.id = ?").param(caseId).query(row()).optional();
  }

  Optional<OrderCase> ofComplaint(long touchpointId) {
    return jdbc.sql(SELECT + " " + FROM + " where oc.source_touchpoint_id = ?").param(touchpointId).query(row())
        .optional();
  }

  Page<OrderCase> list(Query q) {
    PagedQuery query = PagedQuery.from(FROM).whereIf(q.status(), "oc.status = ?").whereIf(q.kind(), "oc.case_type = ?")
        .whereIf(q.from(), "oc.opened_at >= ?").whereIf(q.to(), "oc.opened_at < ?").whereIf(q.orderId(), "oc.order_id = ?");
    if (q.managerId() != null) {
      query.where("(oc.accountable_manager_id = ? or o.manager_id = ?)", q.managerId(), q.managerId());
    }
    return query.page(jdbc, SELECT, "oc.opened_at desc, oc.id desc", row(), q.page(), q.size());
  }

  List<OrderCase> ofOrder(long orderId) {
    return jdbc.sql(SELECT + " " + FROM + " where oc.order_id = ? order by oc.opened_at, oc.id").param(orderId)
        .query(row()).list();
  }

  private RowMapper<OrderCase> row() {
    OffsetDateTime now = EngineClock.now();
    return (rs, i) -> {
      long id = rs.getLong("id");
      OffsetDateTime due = rs.getObject("sla_due_at", OffsetDateTime.class);
      OffsetDateTime closed = rs.getObject("closed_at", OffsetDateTime.class);
      boolean overdue = due != null && (closed == null ? now.isAfter(due) : closed.isAfter(due));
      String stage = rs.getString("step_stage");
      return new OrderCase(id, rs.getLong("order_id"), rs.getString("case_type"), rs.getString("status"),
          rs.getString("origin"), rs.getString("reason_code"), rs.getString("summary"), rs.getBigDecimal("amount"),
          rs.getString("currency") == null ? null : rs.getString("currency").trim(), rs.getString("customer_tier"),
          rs.getBoolean("approval_required"), rs.getString("approver_role"), rs.getString("settlement"),
          rs.getString("decision"), rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class),
          rs.getString("decision_comment"), rs.getString("resolution"), rs.getString("resolved_by"),
          rs.getString("opened_by"), rs.getObject("opened_at", OffsetDateTime.class), closed,
          new OrderCase.Sla(due, rs.getString("sla_calendar"), rs.getString("clock_owner"), overdue),
          stage == null ? null : new OrderCase.Step(stage, rs.getObject("step_entered_at", OffsetDateTime.class),
              rs.getObject("step_sla_due_at", OffsetDateTime.class), rs.getBoolean("step_sla_breached"),
              rs.getString("step_clock_owner")),
          rs.getString("accountable_manager_id"), rs.getString("problem_stage"), rs.getString("order_manager_id"),
          request(id), rs.getString("process_instance_id"), (Long) rs.getObject("source_touchpoint_id", Long.class));
    };
  }

  private OrderCase.Request request(long caseId) {
    return jdbc.sql("""
        select id, 'refund' as type, status, amount, trim(currency) as currency,
               cast(null as varchar(30)) as settlement,
               cast(null as varchar(200)) as reference, payment_id, requested_by, created_at, decided_by, decided_at,
               paid_by, paid_at
          from refund_requests where case_id = ?
        union all
        select id, 'compensation', status, amount, trim(currency), settlement, reference, payment_id, requested_by,
               created_at, decided_by, decided_at, paid_by, paid_at
          from compensation_requests where case_id = ?""").params(caseId, caseId).query(OrderCase.Request.class)
        .list().stream().findFirst().orElse(null);
  }
}
