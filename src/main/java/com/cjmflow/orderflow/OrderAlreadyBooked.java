package com.cjmflow.orderflow;

import org.springframework.http.HttpStatus;

import com.cjmflow.platform.DomainException;

/**
 * {@code OrderBooked} for an external id that is booked already (sequentially, or by a parallel request that won):
 * 409 {@code urn:cjm:problem:order-exists} naming the existing order, so a system that speaks Camunda can link to it.
 * Nothing of the second booking is written. (The booking API answers such a repeat with 200 and the order instead.)
 */
public class OrderAlreadyBooked extends DomainException {

  OrderAlreadyBooked(String externalId, Orders.Order existing) {
    super(HttpStatus.CONFLICT, "order-exists", "An order with external id " + externalId + " exists already"
        + (existing == null ? "" : ": order " + existing.id()));
    property("externalId", externalId);
    if (existing != null) {
      property("orderId", existing.id());
      property("processInstanceId", existing.processInstanceId());
    }
  }
}
