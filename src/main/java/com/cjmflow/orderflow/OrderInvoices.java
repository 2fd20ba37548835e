package com.cjmflow.orderflow;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.DomainException;
import com.cjmflow.stage.JourneyLog;

/** Invoices the ERP posted for an order ({@code order_invoices}); joins the caller's transaction. */
@Component
public class OrderInvoices {

  public record Invoice(long orderId, String invoiceNumber, BigDecimal amount, String currency,
      OffsetDateTime postedAt, String source) {}

  private final JdbcClient jdbc;
  private final Orders orders;
  private final JourneyLog journey;

  OrderInvoices(JdbcClient jdbc, Orders orders, JourneyLog journey) {
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
    List<Long> known = jdbc.sql("select order_id from order_invoices where invoice_number = :invoiceNumber")
        .param("invoiceNumber", invoice.invoiceNumber()).query(Long.class).list();
    if (!known.isEmpty()) {
      if (known.get(0) != invoice.orderId()) {
        throw new DomainException.StateConflict("Invoice " + invoice.invoiceNumber() + " belongs to order " + known.get(0));
      }
      return false;
    }
    jdbc.sql("""
        insert into order_invoices (order_id, invoice_number, amount, currency, posted_at, source, created_at)
        values (:orderId, :invoiceNumber, :amount, :currency, :postedAt, :source, current_timestamp)""")
        .paramSource(invoice).update();
    journey.record(invoice.orderId(), "invoice_posted", null, null, null, invoice.source(),
        invoice.invoiceNumber() + " " + invoice.amount() + " " + invoice.currency(), invoice.postedAt());
    return true;
  }

  public List<Invoice> of(long orderId) {
    return jdbc.sql("select * from order_invoices where order_id = :orderId order by posted_at, id")
        .param("orderId", orderId).query(Invoice.class).list();
  }
}
