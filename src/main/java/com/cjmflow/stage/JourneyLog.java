package com.cjmflow.stage;

import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Appends events to an order's journey ({@code crm_journey_events}); joins the caller's transaction. */
@Component
public class JourneyLog {

  private final JdbcClient jdbc;

  JourneyLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(long orderId, String type, String stage, String fromStatus, String toStatus, String actor,
      String details, OffsetDateTime at) {
    jdbc.sql("""
        insert into crm_journey_events
          (order_id, customer_id, event_type, stage, from_status, to_status, actor, details, occurred_at)
        values (:orderId, (select customer_id from orders where id = :orderId), :type, :stage, :fromStatus,
          :toStatus, :actor, :details, :at)""")
        .param("orderId", orderId).param("type", type).param("stage", stage).param("fromStatus", fromStatus)
        .param("toStatus", toStatus).param("actor", actor).param("details", details).param("at", at).update();
  }
}
