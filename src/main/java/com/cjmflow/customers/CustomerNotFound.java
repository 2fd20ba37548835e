package com.cjmflow.customers;

import com.cjmflow.platform.DomainException;

/** No customer has this id. */
public class CustomerNotFound extends DomainException.NotFound {

  public CustomerNotFound(long customerId) {
    super("Customer", customerId);
  }
}
