package com.cjmflow.events.inbound;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.stereotype.Component;

import com.cjmflow.customers.Customers;
import com.cjmflow.events.InboundData;
import com.cjmflow.events.InboundEvent;
import com.cjmflow.events.InboundEventHandler;
import com.cjmflow.platform.DomainException;

/**
 * {@code crm.customer.blacklisted} (from the CRM core or the ERP's credit control): blacklists the customer; booking
 * then refuses their orders and opens a review of each running one for the head of sales.
 */
@Component
class CustomerBlacklistedHandler implements InboundEventHandler {

  private final Customers customers;

  CustomerBlacklistedHandler(Customers customers) {
    this.customers = customers;
  }

  @Override
  public String type() {
    return "crm.customer.blacklisted";
  }

  @Override
  public String apply(InboundEvent event) {
    long customerId = InboundData.id(event.data(), "customerId");
    String reason = InboundData.optionalText(event.data(), "reason");
    if (!customers.exists(customerId)) {
      throw new DomainException.RuleViolation("Customer " + customerId + " does not exist");
    }
    OffsetDateTime at = event.time() == null ? OffsetDateTime.now(ZoneOffset.UTC) : event.time();
    return customers.blacklist(customerId, reason == null ? "no reason given" : reason, event.source(), at)
        ? "customer " + customerId + " blacklisted" : "customer " + customerId + " was blacklisted already";
  }
}
