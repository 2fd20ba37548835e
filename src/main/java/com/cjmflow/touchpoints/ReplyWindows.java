package com.cjmflow.touchpoints;

import java.time.OffsetDateTime;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.AsSystem;
import com.cjmflow.stage.JourneyLog;

/**
 * Reply windows of inbound touchpoints, run by {@code processes/touchpoint-reply-window.bpmn}: the window's length
 * comes from {@code dmn/touchpoint-response-sla.dmn}, its timer flags the touchpoint breached, a reply ends it.
 */
@Component
class ReplyWindows {

  static final String PROCESS_MESSAGE = "InboundTouchpointReceived";
  static final String REPLY_MESSAGE = "ReplySent";
  static final String TOUCHPOINT_ID = "touchpointId";

  private final JdbcTemplate jdbc;
  private final RuntimeService runtime;
  private final JourneyLog journey;
  private final AsSystem asSystem;

  ReplyWindows(JdbcTemplate jdbc, RuntimeService runtime, JourneyLog journey, AsSystem asSystem) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.journey = journey;
    this.asSystem = asSystem;
  }

  static String businessKey(long touchpointId) {
    return "touchpoint-" + touchpointId;
  }

  /** Starts the window process for an inbound touchpoint; the process sets the due date. */
  void open(long touchpointId, Touchpoints.NewTouchpoint touchpoint) {
    String tier = jdbc.queryForObject("select tier from customers where id = ?", String.class,
        touchpoint.customerId());
    asSystem.run(() -> runtime.createMessageCorrelation(PROCESS_MESSAGE)
        .processInstanceBusinessKey(businessKey(touchpointId))
        .setVariables(Variables.createVariables()
            .putValue(TOUCHPOINT_ID, touchpointId)
            .putValue("channel", touchpoint.channel())
            .putValue("customerTier", tier))
        .correlateStartMessage());
  }

  /** An outbound touchpoint answers every open window of its order (or, without an order, of its customer). */
  void closeWith(long replyId, Touchpoints.NewTouchpoint reply) {
    List<Long> open = reply.orderId() != null
        ? jdbc.queryForList("""
            select id from crm_touchpoints where order_id = ? and direction = 'inbound' and responded_at is null
              and occurred_at <= ?""", Long.class, reply.orderId(), reply.occurredAt())
        : jdbc.queryForList("""
            select id from crm_touchpoints where customer_id = ? and order_id is null and direction = 'inbound'
              and responded_at is null and occurred_at <= ?""", Long.class, reply.customerId(), reply.occurredAt());
    for (long windowId : open) {
      jdbc.update("update crm_touchpoints set responded_at = ?, reply_touchpoint_id = ? where id = ?",
          reply.occurredAt(), replyId, windowId);
      asSystem.run(() -> runtime.createMessageCorrelation(REPLY_MESSAGE)
          .processInstanceBusinessKey(businessKey(windowId)).correlateAllWithResult());
    }
  }

  /** Called by the window process once it knows the window's length. */
  void setDue(long touchpointId, OffsetDateTime due) {
    jdbc.update("update crm_touchpoints set response_due_at = ? where id = ?", due, touchpointId);
  }

  OffsetDateTime occurredAt(long touchpointId) {
    return jdbc.queryForObject("select occurred_at from crm_touchpoints where id = ?", OffsetDateTime.class,
        touchpointId);
  }

  /** Called by the window's timer: the touchpoint was not answered in time. */
  void markBreached(long touchpointId, OffsetDateTime at) {
    int marked = jdbc.update("""
        update crm_touchpoints set is_sla_breached = true, sla_breached_at = ?
        where id = ? and responded_at is null and is_sla_breached = false""", at, touchpointId);
    Long orderId = jdbc.queryForObject("select order_id from crm_touchpoints where id = ?", Long.class, touchpointId);
    if (marked > 0 && orderId != null) {
      journey.record(orderId, "reply_window_breached", null, null, null, "system",
          "touchpoint " + touchpointId + " not answered in time", at);
    }
  }
}
