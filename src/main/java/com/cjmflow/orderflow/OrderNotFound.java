package com.cjmflow.orderflow;

import com.cjmflow.platform.DomainException;

/** No order has this id. */
public class OrderNotFound extends DomainException.NotFound {

  public OrderNotFound(long orderId) {
    super("Order", orderId);
  }
}
