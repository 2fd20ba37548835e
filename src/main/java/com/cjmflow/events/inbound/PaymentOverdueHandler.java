package com.cjmflow.events.inbound;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.cjmflow.events.InboundData;
import com.cjmflow.events.InboundEvent;
import com.cjmflow.events.InboundEventHandler;
import com.cjmflow.followups.Followups;
import com.cjmflow.orderflow.Orders;
import com.cjmflow.platform.DisplayNames;
import com.cjmflow.platform.EngineClock;
import com.cjmflow.touchpoints.Touchpoints;

/**
 * {@code payment.overdue}: a reminder task for the order's manager (a follow-up due within a day) and an inbound
 * touchpoint, whose reply window makes the manager contact the client in time.
 */
@Component
class PaymentOverdueHandler implements InboundEventHandler {

  static final Duration REMIND_WITHIN = Duration.ofDays(1);
  static final String CHANNEL = "other";

  private final Followups followups;
  private final Touchpoints touchpoints;
  private final OrderReference orders;
  private final DisplayNames names;

  PaymentOverdueHandler(Followups followups, Touchpoints touchpoints, OrderReference orders, DisplayNames names) {
    this.names = names;
    this.followups = followups;
    this.touchpoints = touchpoints;
    this.orders = orders;
  }

  @Override
  public String type() {
    return "payment.overdue";
  }

  @Override
  public String apply(InboundEvent event) {
    var data = event.data();
    Orders.Order order = orders.resolve(data);
    String invoice = InboundData.optionalText(data, "invoiceNumber");
    String what = "Payment overdue" + (invoice == null ? "" : " (invoice " + invoice + ")");
    OffsetDateTime now = EngineClock.now();
    OffsetDateTime occurred = event.time() == null || event.time().isAfter(now) ? now : event.time();
    String subject = names.phrase("reminder.payment-overdue", Map.of("invoice",
        invoice == null ? "" : names.phrase("reminder.invoice", Map.of("invoice", invoice))));
    Followups.Followup reminder = followups.create(new Followups.NewFollowup(order.id(), subject,
        now.plus(REMIND_WITHIN), null, order.managerId(), event.source(), "process"));
    Touchpoints.Recorded contact = touchpoints.record(new Touchpoints.NewTouchpoint(order.customerId(), order.id(),
        CHANNEL, Touchpoints.INBOUND, null, what, "ERP: " + what, occurred,
        "event:" + event.source() + ":" + event.id(), "erp"));
    return "reminder " + reminder.id() + " and touchpoint " + contact.touchpoint().id() + " on order " + order.id();
  }
}
