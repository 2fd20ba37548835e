package com.cjmflow.customers;

import java.time.OffsetDateTime;

/** What the customers module publishes (Spring application events, in the transaction of the change). */
public final class CustomerEvents {

  private CustomerEvents() {}

  /** A customer was created, by a booking or over the API. */
  public record CustomerCreated(long customerId, String displayName, String type, String status, String tier,
      OffsetDateTime createdAt) {}

  /** The customer's status changed (e.g. prospect → active). */
  public record CustomerStatusChanged(long customerId, String fromStatus, String toStatus, OffsetDateTime changedAt) {}

  /** The customer was blacklisted: bookings are refused, running orders get a review by the head of sales. */
  public record CustomerBlacklisted(long customerId, String reason, String source, OffsetDateTime blacklistedAt) {}
}
