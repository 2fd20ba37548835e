package com.cjmflow.cases;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
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
      String reason, String refundMethod, String origin, String openedBy, String processInstanceId) {}

  /** The order's facts a case needs: customer, tier, seller country, manager, its current order stage. */
  public record OrderFacts(long orderId, long customerId, String customerTier, String sellerCountry,
      String managerId, String status) {}

  private final JdbcTemplate jdbc;
  private final JourneyLog journey;
  private final ApplicationEventPublisher events;

  CaseRecords(JdbcTemplate jdbc, JourneyLog journey, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.journey = journey;
    this.events = events;
  }

  public Optional<OrderFacts> order(long orderId) {
    return jdbc.query("""
        select o.id, o.customer_id, c.tier, o.seller_country, o.manager_id, o.status
          from orders o join customers c on c.id = o.customer_id where o.id = ?""",
        (rs, i) -> new OrderFacts(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("tier"),
            rs.getString("seller_country"), rs.getString("manager_id"), rs.getString("status")), orderId)
        .stream().findFirst();
  }

  /**
   * Registers the case, and its refund or compensation request when it carries money. The accountable manager (KPI)
   * is who owned the order stage where the problem arose: the assignee of the order's last manager-clock stage
   * task before now, else the order's manager.
   */
  public long register(NewCase c, OrderFacts order) {
    OffsetDateTime now = EngineClock.now();
    String accountable = jdbc.queryForList("""
        select h.ASSIGNEE_ from crm_order_stage_instances s
          join ACT_HI_TASKINST h on h.ACT_INST_ID_ = s.activity_instance_id
         where s.order_id = ? and s.case_id is null and s.counts_against_manager and h.ASSIGNEE_ is not null
         order by s.entered_at desc, s.id desc fetch first 1 rows only""", String.class, c.orderId())
        .stream().findFirst().orElse(order.managerId());
    var key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var insert = connection.prepareStatement("""
          insert into order_cases (order_id, case_type, status, summary, opened_by, opened_at, process_instance_id,
            origin, reason_code, amount, currency, customer_tier, accountable_manager_id, problem_stage)
          values (?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
      insert.setLong(1, c.orderId());
      insert.setString(2, c.kind());
      insert.setString(3, c.reason());
      insert.setString(4, c.openedBy());
      insert.setObject(5, now);
      insert.setString(6, c.processInstanceId());
      insert.setString(7, c.origin());
      insert.setString(8, c.reasonCode());
      insert.setBigDecimal(9, c.amount());
      insert.setString(10, c.currency());
      insert.setString(11, order.customerTier());
      insert.setString(12, accountable);
      insert.setString(13, order.status());
      return insert;
    }, key);
    long caseId = key.getKey().longValue();
    if (c.amount() != null && c.amount().signum() > 0) {
      if (REFUND.equals(c.kind())) {
        jdbc.update("""
            insert into refund_requests (order_id, case_id, amount, currency, method, reason, requested_by, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)""", c.orderId(), caseId, c.amount(), c.currency(),
            c.refundMethod() == null ? "bank_transfer" : c.refundMethod(), c.reason(), c.openedBy(), now);
      } else {
        jdbc.update("""
            insert into compensation_requests (order_id, case_id, amount, currency, reason, requested_by, created_at)
            values (?, ?, ?, ?, ?, ?, ?)""", c.orderId(), caseId, c.amount(), c.currency(), c.reason(),
            c.openedBy(), now);
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
    jdbc.update("""
        update order_cases set approval_required = ?, approver_role = ?, settlement = ?, sla_due_at = ?,
          sla_calendar = ?, clock_owner = ? where id = ?""",
        approvalRequired, approverRole, settlement, slaDueAt, calendar, clockOwner, caseId);
    jdbc.update("update compensation_requests set settlement = ? where case_id = ?", settlement, caseId);
  }

  /** The decision (auto_approved, approved, rejected): the request moves to approved or rejected with who and when. */
  public void decided(long caseId, String decision, String by, String comment) {
    OffsetDateTime now = EngineClock.now();
    String requestStatus = REJECTED.equals(decision) ? REJECTED : "approved";
    jdbc.update("""
        update order_cases set decision = ?, decided_by = ?, decided_at = ?, decision_comment = ? where id = ?""",
        decision, by, now, comment, caseId);
    for (String table : List.of("refund_requests", "compensation_requests")) {
      jdbc.update("update " + table + " set status = ?, decided_by = ?, decided_at = ? where case_id = ?",
          requestStatus, by, now, caseId);
    }
    long orderId = orderOf(caseId);
    journey.record(orderId, "case_" + decision, null, null, null, by, "case " + caseId
        + (comment == null ? "" : ": " + comment), now);
  }

  /** The money went out (a payment row) or the voucher / discount was given (its reference): the request is paid. */
  public void settled(long caseId, Long paymentId, String reference, String by) {
    OffsetDateTime now = EngineClock.now();
    jdbc.update("""
        update refund_requests set status = 'paid', paid_by = ?, paid_at = ?, payment_id = ? where case_id = ?""",
        by, now, paymentId, caseId);
    jdbc.update("""
        update compensation_requests set status = 'paid', paid_by = ?, paid_at = ?, payment_id = ?, reference = ?
        where case_id = ?""", by, now, paymentId, reference, caseId);
    journey.record(orderOf(caseId), "case_settled", null, null, null, by, "case " + caseId + " ref " + reference,
        now);
  }

  /** Closes the case as resolved or rejected, with its resolution. */
  public void close(long caseId, String status, String resolution, String by) {
    OffsetDateTime now = EngineClock.now();
    jdbc.update("""
        update order_cases set status = ?, resolution = ?, resolved_by = ?, closed_at = ? where id = ? and status = 'open'""",
        status, resolution, by, now, caseId);
    var c = jdbc.queryForMap("select order_id, case_type, decision, settlement, amount, currency from order_cases where id = ?",
        caseId);
    long orderId = ((Number) c.get("order_id")).longValue();
    journey.record(orderId, "case_" + status, null, null, null, by, "case " + caseId + ": " + resolution, now);
    String currency = c.get("currency") == null ? null : c.get("currency").toString().trim();
    events.publishEvent(new CaseEvents.CaseResolved(caseId, orderId, (String) c.get("case_type"), status,
        (String) c.get("decision"), (String) c.get("settlement"), (BigDecimal) c.get("amount"), currency, by, now));
  }

  long orderOf(long caseId) {
    return jdbc.queryForList("select order_id from order_cases where id = ?", Long.class, caseId).stream()
        .findFirst().orElseThrow(() -> new CaseNotFound(caseId));
  }

  static final RowMapper<OrderCase.Request> REQUEST = (rs, i) -> new OrderCase.Request(rs.getLong("id"),
      rs.getString("request_type"), rs.getString("status"), rs.getBigDecimal("amount"),
      rs.getString("currency") == null ? null : rs.getString("currency").trim(), rs.getString("settlement"),
      rs.getString("reference"), (Long) rs.getObject("payment_id", Long.class), rs.getString("requested_by"),
      rs.getObject("created_at", OffsetDateTime.class), rs.getString("decided_by"),
      rs.getObject("decided_at", OffsetDateTime.class), rs.getString("paid_by"),
      rs.getObject("paid_at", OffsetDateTime.class));
}
