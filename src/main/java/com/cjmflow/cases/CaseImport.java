package com.cjmflow.cases;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.BatchInsert;

/**
 * Bulk import of cases with their refund and compensation requests from another system (the legacy CRM backfill):
 * JDBC batches, no case process and no domain events (imported rows are history). Joins the caller's transaction.
 */
@Component
public class CaseImport {

  public record NewCase(long orderId, String caseType, String status, String summary, OffsetDateTime openedAt,
      OffsetDateTime closedAt) {}

  /** A refund or compensation request in EUR. */
  public record NewRequest(long orderId, Long caseId, BigDecimal amountEur, String reason, String status,
      String requestedBy, OffsetDateTime createdAt) {}

  private final JdbcTemplate jdbc;

  CaseImport(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<Long> insertCases(List<NewCase> cases) {
    List<Object[]> rows = new ArrayList<>(cases.size());
    for (NewCase c : cases) {
      rows.add(new Object[] {c.orderId(), c.caseType(), c.status(), c.summary(), c.openedAt(), c.closedAt()});
    }
    return BatchInsert.returningIds(jdbc, """
        insert into order_cases (order_id, case_type, status, summary, opened_at, closed_at)
        values (?, ?, ?, ?, ?, ?)""", rows);
  }

  public List<Long> insertRefundRequests(List<NewRequest> requests) {
    return BatchInsert.returningIds(jdbc, """
        insert into refund_requests (order_id, case_id, amount, currency, method, reason, status, requested_by,
          created_at)
        values (?, ?, ?, 'EUR', 'legacy', ?, ?, ?, ?)""", requestRows(requests));
  }

  public List<Long> insertCompensationRequests(List<NewRequest> requests) {
    return BatchInsert.returningIds(jdbc, """
        insert into compensation_requests (order_id, case_id, amount, currency, reason, status, requested_by,
          created_at)
        values (?, ?, ?, 'EUR', ?, ?, ?, ?)""", requestRows(requests));
  }

  private static List<Object[]> requestRows(List<NewRequest> requests) {
    List<Object[]> rows = new ArrayList<>(requests.size());
    for (NewRequest r : requests) {
      rows.add(new Object[] {r.orderId(), r.caseId(), r.amountEur(), r.reason(), r.status(), r.requestedBy(),
          r.createdAt()});
    }
    return rows;
  }

  /** Updates cases imported before with what the source says now (kind, status, summary, closing time). */
  public void updateCases(List<Long> ids, List<NewCase> cases) {
    List<Object[]> rows = new ArrayList<>(cases.size());
    for (int i = 0; i < cases.size(); i++) {
      NewCase c = cases.get(i);
      rows.add(new Object[] {c.caseType(), c.status(), c.summary(), c.closedAt(), ids.get(i)});
    }
    BatchInsert.rows(jdbc, "update order_cases set case_type = ?, status = ?, summary = ?, closed_at = ? where id = ?",
        rows);
  }

  public void updateRefundRequests(List<Long> ids, List<NewRequest> requests) {
    BatchInsert.rows(jdbc, "update refund_requests set case_id = ?, amount = ?, reason = ?, status = ? where id = ?",
        requestUpdates(ids, requests));
  }

  public void updateCompensationRequests(List<Long> ids, List<NewRequest> requests) {
    BatchInsert.rows(jdbc, """
        update compensation_requests set case_id = ?, amount = ?, reason = ?, status = ? where id = ?""",
        requestUpdates(ids, requests));
  }

  private static List<Object[]> requestUpdates(List<Long> ids, List<NewRequest> requests) {
    List<Object[]> rows = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      NewRequest r = requests.get(i);
      rows.add(new Object[] {r.caseId(), r.amountEur(), r.reason(), r.status(), ids.get(i)});
    }
    return rows;
  }
}
