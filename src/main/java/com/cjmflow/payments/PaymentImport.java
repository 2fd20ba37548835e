package com.cjmflow.payments;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.BatchInsert;

/**
 * Bulk import of payments from another system (the legacy CRM backfill): one JDBC batch, no process messages (the
 * imported order's process, if any, starts where the order stands). Amounts are positive; the kind gives the sign.
 */
@Component
public class PaymentImport {

  public record NewPayment(long orderId, String kind, BigDecimal amount, String currency, OffsetDateTime paidAt,
      String reference, String recordedBy) {}

  private final JdbcTemplate jdbc;

  PaymentImport(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<Long> insert(List<NewPayment> payments, OffsetDateTime now) {
    List<Object[]> rows = new ArrayList<>(payments.size());
    for (NewPayment p : payments) {
      rows.add(new Object[] {p.orderId(), p.kind(), p.amount(), p.currency(), p.paidAt(), p.reference(),
          p.recordedBy(), now});
    }
    return BatchInsert.returningIds(jdbc, """
        insert into payments (order_id, kind, amount, currency, paid_at, reference, recorded_by, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?)""", rows);
  }

  /** Updates payments imported before with what the source says now. */
  public void update(List<Long> ids, List<NewPayment> payments) {
    List<Object[]> rows = new ArrayList<>(payments.size());
    for (int i = 0; i < payments.size(); i++) {
      NewPayment p = payments.get(i);
      rows.add(new Object[] {p.kind(), p.amount(), p.currency(), p.paidAt(), p.reference(), ids.get(i)});
    }
    BatchInsert.rows(jdbc, """
        update payments set kind = ?, amount = ?, currency = ?, paid_at = ?, reference = ? where id = ?""", rows);
  }
}
