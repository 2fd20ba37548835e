package com.cjmflow.events.inbound;

import org.springframework.stereotype.Component;

import com.cjmflow.events.InboundData;
import com.cjmflow.orderflow.Orders;
import com.cjmflow.platform.DomainException;
import com.fasterxml.jackson.databind.JsonNode;

/** The order an ERP event is about: {@code data.orderId} (ours) or {@code data.externalOrderId} (the shop's). */
@Component
class OrderReference {

  private final Orders orders;

  OrderReference(Orders orders) {
    this.orders = orders;
  }

  Orders.Order resolve(JsonNode data) {
    if (data.hasNonNull("orderId")) {
      long id = InboundData.id(data, "orderId");
      return orders.find(id).orElseThrow(() -> new DomainException.RuleViolation("Order " + id + " does not exist"));
    }
    if (data.hasNonNull("externalOrderId")) {
      String externalId = InboundData.text(data, "externalOrderId");
      return orders.findByExternalId(externalId)
          .orElseThrow(() -> new DomainException.RuleViolation("No order with external id " + externalId));
    }
    throw InboundData.invalid("data.orderId or data.externalOrderId is required");
  }
}
