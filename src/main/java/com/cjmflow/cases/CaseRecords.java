package com.cjmflow.cases;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.EngineClock;
import com.cjmflow.stage.JourneyLog;

/**
 * The one writer of {@code order_cases}, {@code refund_requests} and {@code compensation_requests}; called by the
 * case process's delegates in the engine transaction of the step, with a journey event on the order for each.
 */
@Component
public class CaseRecords {

  public static final String REFUND = "refund";
  public static final String OPEN = "open";
  public static final String RESOLVED = "resolved";
  public static final String REJECTED = "rejected";

  /** A case to register. */
  public record NewCase(long orderId, String kind, BigDecimal amount, String currency, String reasonCode,
      String reason, String refundMethod, String origin, String openedBy, String processInstanceId,
      Long sourceTouchpointId) {}

  /** The order's facts a case needs: customer, tier, seller country, manager, its current order stage. */
  public record OrderFacts(long orderId, long customerId, String customerTier, String sellerCountry,
      String managerId, String status) {}

  /** What closing a case reports. */
  record Closed(long orderId, String caseType, String decision, String settlement, BigDecimal amount,
      String currency) {}

  private final JdbcClient jdbc;
  private final JourneyLog journey;
  private final ApplicationEventPublisher events;

  CaseRecords(JdbcClient jdbc, JourneyLog journey, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.journey = journey;
    this.events = events;
  }

  public Optional<OrderFacts> order(long orderId) {
    return jdbc.sql("""
        select o.id as order_id, o.customer_id, c.tier as customer_tier, o.seller_country, o.manager_id, o.status
          from orders o join customers c on c.id = o.customer_id where o.id = ?""")
        .param(orderId).query(OrderFacts.class).optional();
  }

  /**
   * Registers the case, and its refund or compensation request when it carries money. The accountable manager (KPI)
   * is who owned the order stage where the problem arose: the assignee of the order's last manager-clock stage
   * task before now, else the order's manager.
   */
  public long register(NewCase c, OrderFacts order) {
    OffsetDateTime now = EngineClock.now();
    String accountable = jdbc.sql("""
        select h.ASSIGNEE_ from crm_order_stage_instances s
          join ACT_HI_TASKINST h on h.ACT_INST_ID_ = s.activity_instance_id
         where s.order_id = ? and s.case_id is null and s.counts_against_manager and h.ASSIGNEE_ is not null
         order by s.entered_at desc, s.id desc fetch first 1 rows only""").param(c.orderId())
        .query(String.class).optional().orElse(order.managerId());
    var key = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into order_cases (order_id, case_type, status, summary, opened_by, opened_at, process_instance_id,
          origin, reason_code, amount, currency, customer_tier, accountable_manager_id, problem_stage,
          source_touchpoint_id)
        values (?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(c.orderId(), c.kind(), c.reason(), c.openedBy(), now, c.processInstanceId(), c.origin(),
            c.reasonCode(), c.amount(), c.currency(), order.customerTier(), accountable, order.status(),
            c.sourceTouchpointId())
        .update(key, "id");
    long caseId = key.getKey().longValue();
    if (c.amount() != null && c.amount().signum() > 0) {
      if (REFUND.equals(c.kind())) {
        jdbc.sql("""
            insert into refund_requests (order_id, case_id, amount, currency, method, reason, requested_by, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)""").params(c.orderId(), caseId, c.amount(), c.currency(),
            c.refundMethod() == null ? "bank_transfer" : c.refundMethod(), c.reason(), c.openedBy(), now).update();
      } else {
        jdbc.sql("""
            insert into compensation_requests (order_id, case_id, amount, currency, reason, requested_by, created_at)
            values (?, ?, ?, ?, ?, ?, ?)""").params(c.orderId(), caseId, c.amount(), c.currency(), c.reason(),
            c.openedBy(), now).update();
      }
    }
    journey.record(c.orderId(), "case_opened", null, null, null, c.openedBy() == null ? "system" : c.openedBy(),
        "case " + caseId + ": " + c.kind() + (c.amount() == null ? "" : " " + c.amount().toPlainString() + " "
            + c.currency()), now);
    events.publishEvent(new CaseEvents.CaseOpened(caseId, c.orderId(), c.kind(), c.amount(), c.currency(),
        c.origin(), c.openedBy(), now));
    return caseId;
  }

  /** The routing table's answer for the case. */
  public void routed(long caseId, boolean approvalRequired, String approverRole, String settlement,
      OffsetDateTime slaDueAt, String calendar, String clockOwner) {
    jdbc.sql("""
        update order_cases set approval_required = ?, approver_role = ?, settlement = ?, sla_due_at = ?,
          sla_calendar = ?, clock_owner = ? where id = ?""")
        .params(approvalRequired, approverRole, settlement, slaDueAt, calendar, clockOwner, caseId).update();
    jdbc.sql("update compensation_requests set settlement = ? where case_id = ?").params(settlement, caseId).update();
  }

  /** The decision (auto_approved, approved, rejected): the request moves to approved or rejected with who and when. */
  public void decided(long caseId, String decision, String by, String comment) {
    OffsetDateTime now = EngineClock.now();
    String requestStatus = REJECTED.equals(decision) ? REJECTED : "approved";
    jdbc.sql("""
        update order_cases set decision = ?, decided_by = ?, decided_at = ?, decision_comment = ? where id = ?""")
        .params(decision, by, now, comment, caseId).update();
    for (String table : List.of("refund_requests", "compensation_requests")) {
      jdbc.sql("update " + table + " set status = ?, decided_by = ?, decided_at = ? where case_id = ?")
          .params(requestStatus, by, now, caseId).update();
    }
    long orderId = orderOf(caseId);
    journey.record(orderId, "case_" + decision, null, null, null, by, "case " + caseId
        + (comment == null ? "" : ": " + comment), now);
  }

  /** The money went out (a payment row) or the voucher / discount was given (its reference): the request is paid. */
  public void settled(long caseId, Long paymentId, String reference, String by) {
    OffsetDateTime now = EngineClock.now();
    jdbc.sql("""
        update refund_requests set status = 'paid', paid_by = ?, paid_at = ?, payment_id = ? where case_id = ?""")
        .params(by, now, paymentId, caseId).update();
    jdbc.sql("""
        update compensation_requests set status = 'paid', paid_by = ?, paid_at = ?, payment_id = ?, reference = ?
        where case_id = ?""").params(by, now, paymentId, reference, caseId).update();
    journey.record(orderOf(caseId), "case_settled", null, null, null, by, "case " + caseId + " ref " + reference,
        now);
  }

  /** Closes the case as resolved or rejected, with its resolution. */
  public void close(long caseId, String status, String resolution, String by) {
    OffsetDateTime now = EngineClock.now();
    jdbc.sql("""
        update order_cases set status = ?, resolution = ?, resolved_by = ?, closed_at = ?
        where id = ? and status = 'open'""").params(status, resolution, by, now, caseId).update();
    Closed c = jdbc.sql("""
        select order_id, case_type, decision, settlement, amount, currency from order_cases where id = ?""")
        .param(caseId).query(Closed.class).single();
    journey.record(c.orderId(), "case_" + status, null, null, null, by, "case " + caseId + ": " + resolution, now);
    String currency = c.currency() == null ? null : c.currency().trim();
    events.publishEvent(new CaseEvents.CaseResolved(caseId, c.orderId(), c.caseType(), status, c.decision(),
        c.settlement(), c.amount(), currency, by, now));
  }

  long orderOf(long caseId) {
    return jdbc.sql("select order_id from order_cases where id = ?").param(caseId).query(Long.class).optional()
        .orElseThrow(() -> new CaseNotFound(caseId));
  }
}
