package com.cjmflow.stage;

import java.time.OffsetDateTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Appends events to an order's journey ({@code crm_journey_events}); joins the caller's transaction. */
@Component
public class JourneyLog {

  private final JdbcTemplate jdbc;

  JourneyLog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void record(long orderId, String type, String stage, String fromStatus, String toStatus, String actor,
      String details, OffsetDateTime at) {
    jdbc.update("""
        insert into crm_journey_events
          (order_id, customer_id, event_type, stage, from_status, to_status, actor, details, occurred_at)
        values (?, (select customer_id from orders where id = ?), ?, ?, ?, ?, ?, ?, ?)""",
        orderId, orderId, type, stage, fromStatus, toStatus, actor, details, at);
  }
}
