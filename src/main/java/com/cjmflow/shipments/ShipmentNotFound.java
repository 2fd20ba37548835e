package com.cjmflow.shipments;

import com.cjmflow.platform.DomainException;

/** No shipment has this id. */
public class ShipmentNotFound extends DomainException.NotFound {

  public ShipmentNotFound(long shipmentId) {
    super("Shipment", shipmentId);
  }
}
