package com.cjmflow.orderflow;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.DomainException;
import com.cjmflow.stage.JourneyLog;

/** Invoices the ERP posted for an order ({@code order_invoices}); joins the caller's transaction. */
@Component
public class OrderInvoices {

  public record Invoice(long orderId, String invoiceNumber, BigDecimal amount, String currency,
      OffsetDateTime postedAt, String source) {}

  private final JdbcTemplate jdbc;
  private final Orders orders;
  private final JourneyLog journey;

  OrderInvoices(JdbcTemplate jdbc, Orders orders, JourneyLog journey) {
    this.jdbc = jdbc;
    this.orders = orders;
    this.journey = journey;
  }

  /**
   * Stores the invoice once per invoice number: true when new, false when the same invoice was stored for this order
   * before; 404 for an unknown order, 409 when the number belongs to another order.
   */
  public boolean record(Invoice invoice) {
    orders.find(invoice.orderId()).orElseThrow(() -> new OrderNotFound(invoice.orderId()));
    List<Long> known = jdbc.queryForList("select order_id from order_invoices where invoice_number = ?", Long.class,
        invoice.invoiceNumber());
    if (!known.isEmpty()) {
      if (known.get(0) != invoice.orderId()) {
        throw new DomainException.StateConflict("Invoice " + invoice.invoiceNumber() + " belongs to order " + known.get(0));
      }
      return false;
    }
    jdbc.update("""
        insert into order_invoices (order_id, invoice_number, amount, currency, posted_at, source, created_at)
        values (?, ?, ?, ?, ?, ?, current_timestamp)""", invoice.orderId(), invoice.invoiceNumber(),
        invoice.amount(), invoice.currency(), invoice.postedAt(), invoice.source());
    journey.record(invoice.orderId(), "invoice_posted", null, null, null, invoice.source(),
        invoice.invoiceNumber() + " " + invoice.amount() + " " + invoice.currency(), invoice.postedAt());
    return true;
  }

  public List<Invoice> of(long orderId) {
    return jdbc.query("select * from order_invoices where order_id = ? order by posted_at, id",
        (rs, i) -> new Invoice(rs.getLong("order_id"), rs.getString("invoice_number"), rs.getBigDecimal("amount"),
            rs.getString("currency"), rs.getObject("posted_at", OffsetDateTime.class), rs.getString("source")),
        orderId);
  }
}
