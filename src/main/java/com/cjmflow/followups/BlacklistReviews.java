package com.cjmflow.followups;

import java.time.Duration;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cjmflow.customers.CustomerEvents;
import com.cjmflow.platform.AsSystem;

/**
 * The follow-ups' side of {@code crm.customer.blacklisted} (booking refuses new orders of the customer): new bookings of the customer are refused (see
 * the order flow's registration); every running order of the customer gets a review task for the head of sales,
 * in the transaction of the blacklisting.
 */
@Component
class BlacklistReviews {

  static final String HEAD_OF_SALES = "head-of-sales";
  static final Duration REVIEW_WITHIN = Duration.ofDays(1);

  private final JdbcClient jdbc;
  private final Followups followups;
  private final AsSystem asSystem;

  BlacklistReviews(JdbcClient jdbc, Followups followups, AsSystem asSystem) {
    this.jdbc = jdbc;
    this.followups = followups;
    this.asSystem = asSystem;
  }

  @EventListener
  void on(CustomerEvents.CustomerBlacklisted blacklisted) {
    List<Long> running = jdbc.sql("""
        select distinct o.id from orders o join crm_order_stage_instances s on s.order_id = o.id and s.left_at is null
        where o.customer_id = :customerId order by o.id""").param("customerId", blacklisted.customerId())
        .query(Long.class).list();
    for (long orderId : running) {
      asSystem.run(() -> followups.create(new Followups.NewFollowup(orderId,
          "Review order " + orderId + ": customer blacklisted (" + blacklisted.reason() + ")",
          blacklisted.blacklistedAt().plus(REVIEW_WITHIN), null, null, blacklisted.source(), "process",
          HEAD_OF_SALES)));
    }
  }
}
