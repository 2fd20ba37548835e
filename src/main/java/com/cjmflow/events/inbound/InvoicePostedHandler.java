package com.cjmflow.events.inbound;

import org.springframework.stereotype.Component;

import com.cjmflow.events.InboundData;
import com.cjmflow.events.InboundEvent;
import com.cjmflow.events.InboundEventHandler;
import com.cjmflow.orderflow.OrderInvoices;

/** {@code invoice.posted}: stores the invoice on the order, once per invoice number. */
@Component
class InvoicePostedHandler implements InboundEventHandler {

  private final OrderInvoices invoices;
  private final OrderReference orders;

  InvoicePostedHandler(OrderInvoices invoices, OrderReference orders) {
    this.invoices = invoices;
    this.orders = orders;
  }

  @Override
  public String type() {
    return "invoice.posted";
  }

  @Override
  public String apply(InboundEvent event) {
    var data = event.data();
    long orderId = orders.resolve(data).id();
    String number = InboundData.text(data, "invoiceNumber");
    String currency = data.hasNonNull("currency") ? InboundData.text(data, "currency") : "EUR";
    if (!currency.matches("[A-Z]{3}") || number.length() > 100) {
      throw InboundData.invalid("data.currency must be an ISO 4217 code, data.invoiceNumber at most 100 characters");
    }
    boolean created = invoices.record(new OrderInvoices.Invoice(orderId, number, InboundData.amount(data, "amount"),
        currency, InboundData.time(data, "postedAt", event.occurredAt()), event.source()));
    return (created ? "invoice " : "known invoice ") + number + " on order " + orderId;
  }
}
