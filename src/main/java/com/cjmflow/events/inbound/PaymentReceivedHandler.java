package com.cjmflow.events.inbound;

import java.util.Set;

import org.springframework.stereotype.Component;

import com.cjmflow.events.InboundData;
import com.cjmflow.events.InboundEvent;
import com.cjmflow.events.InboundEventHandler;
import com.cjmflow.payments.Payments;

/** {@code payment.received}: records the reserve or full payment, which moves the order's process on. */
@Component
class PaymentReceivedHandler implements InboundEventHandler {

  private final Payments payments;
  private final OrderReference orders;

  PaymentReceivedHandler(Payments payments, OrderReference orders) {
    this.payments = payments;
    this.orders = orders;
  }

  @Override
  public String type() {
    return "payment.received";
  }

  @Override
  public String apply(InboundEvent event) {
    var data = event.data();
    long orderId = orders.resolve(data).id();
    String kind = InboundData.text(data, "kind");
    if (!Set.of(Payments.RESERVE, Payments.FULL).contains(kind)) {
      throw InboundData.invalid("data.kind must be reserve or full");
    }
    String currency = data.hasNonNull("currency") ? InboundData.text(data, "currency") : "EUR";
    if (!currency.matches("[A-Z]{3}")) {
      throw InboundData.invalid("data.currency must be an ISO 4217 code");
    }
    Payments.Recorded recorded = payments.record(new Payments.NewPayment(orderId, kind, InboundData.amount(data,
        "amount"), currency, InboundData.time(data, "paidAt", event.occurredAt()), InboundData.text(data, "reference"),
        event.source()));
    return (recorded.created() ? "payment " : "known payment ") + recorded.payment().id() + " on order " + orderId
        + (recorded.processAdvanced() ? ", process advanced" : "");
  }
}
