package com.cjmflow.events.inbound;

import org.springframework.stereotype.Component;

import com.cjmflow.events.InboundData;
import com.cjmflow.events.InboundEvent;
import com.cjmflow.events.InboundEventHandler;
import com.cjmflow.shipments.Shipments;

/**
 * {@code delivery.shipped}: records the shipment leg, as {@code POST /api/v1/crm/orders/{id}/shipments} does (which
 * moves the order's wait state for that leg).
 */
@Component
class DeliveryShippedHandler implements InboundEventHandler {

  private final Shipments shipments;
  private final OrderReference orders;

  DeliveryShippedHandler(Shipments shipments, OrderReference orders) {
    this.shipments = shipments;
    this.orders = orders;
  }

  @Override
  public String type() {
    return "delivery.shipped";
  }

  @Override
  public String apply(InboundEvent event) {
    var data = event.data();
    long orderId = orders.resolve(data).id();
    String leg = InboundData.text(data, "leg");
    if (!Shipments.LEGS.contains(leg)) {
      throw InboundData.invalid("data.leg must be one of " + Shipments.LEGS);
    }
    String tracking = InboundData.text(data, "trackingNumber");
    if (!tracking.matches("[A-Za-z0-9-]{1,100}")) {
      throw InboundData.invalid("data.trackingNumber must be letters, digits and dashes");
    }
    Shipments.Recorded recorded = shipments.record(new Shipments.NewShipment(orderId, leg,
        InboundData.text(data, "carrier"), tracking, InboundData.time(data, "shippedAt", event.occurredAt()),
        event.source()));
    return (recorded.created() ? "shipment " : "known shipment ") + recorded.shipment().id() + " on order " + orderId
        + (recorded.processAdvanced() ? ", process advanced" : "");
  }
}
