package com.cjmflow.events.inbound;

import org.springframework.stereotype.Component;

import com.cjmflow.events.InboundData;
import com.cjmflow.events.InboundEvent;
import com.cjmflow.events.InboundEventHandler;
import com.cjmflow.shipments.Shipments;
import com.cjmflow.platform.DomainException;

/** {@code delivery.delivered}: marks the carrier's shipment delivered, as the shipments API does. */
@Component
class DeliveryDeliveredHandler implements InboundEventHandler {

  private final Shipments shipments;

  DeliveryDeliveredHandler(Shipments shipments) {
    this.shipments = shipments;
  }

  @Override
  public String type() {
    return "delivery.delivered";
  }

  @Override
  public String apply(InboundEvent event) {
    var data = event.data();
    String carrier = InboundData.text(data, "carrier");
    String tracking = InboundData.text(data, "trackingNumber");
    Shipments.Shipment shipment = shipments.findByTracking(carrier, tracking).orElseThrow(() ->
        new DomainException.RuleViolation("No shipment of " + carrier + " with tracking number " + tracking));
    shipments.delivered(shipment.id(), InboundData.time(data, "deliveredAt", event.occurredAt()), event.source());
    return "shipment " + shipment.id() + " of order " + shipment.orderId() + " delivered";
  }
}
