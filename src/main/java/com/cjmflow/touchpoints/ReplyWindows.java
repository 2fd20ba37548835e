package com.cjmflow.touchpoints;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.cjmflow.notifications.Notification;
import com.cjmflow.notifications.Notifications;
import com.cjmflow.platform.AsSystem;
import com.cjmflow.platform.DisplayNames;
import com.cjmflow.stage.JourneyLog;
import com.cjmflow.touchpoints.process.ReplyWindowSteps;
import com.cjmflow.touchpoints.process.ReplyWindowVariables;

/**
 * Reply windows of inbound touchpoints, run by {@code processes/touchpoint-reply-window.bpmn}: the window's length
 * comes from {@code dmn/touchpoint-response-sla.dmn}, its timer flags the touchpoint breached, a reply ends it.
 */
@Component
class ReplyWindows implements ReplyWindowSteps {

  static final String PROCESS_MESSAGE = "InboundTouchpointReceived";
  static final String REPLY_MESSAGE = "ReplySent";

  private final JdbcTemplate jdbc;
  private final RuntimeService runtime;
  private final JourneyLog journey;
  private final AsSystem asSystem;
  private final Notifications notifications;
  private final DisplayNames names;
  private final ApplicationEventPublisher events;

  ReplyWindows(JdbcTemplate jdbc, RuntimeService runtime, JourneyLog journey, AsSystem asSystem,
      Notifications notifications, DisplayNames names, ApplicationEventPublisher events) {
    this.events = events;
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.journey = journey;
    this.asSystem = asSystem;
    this.notifications = notifications;
    this.names = names;
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
        .setVariables(ReplyWindowVariables.started(touchpointId, touchpoint.channel(), tier))
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
      events.publishEvent(new TouchpointEvents.ReplyAppended(windowId, replyId, reply.customerId(), reply.orderId(),
          reply.occurredAt()));
      asSystem.run(() -> runtime.createMessageCorrelation(REPLY_MESSAGE)
          .processInstanceBusinessKey(businessKey(windowId)).correlateAllWithResult());
    }
  }

  @Override
  public void setDue(long touchpointId, OffsetDateTime due) {
    jdbc.update("update crm_touchpoints set response_due_at = ? where id = ?", due, touchpointId);
  }

  @Override
  public OffsetDateTime occurredAt(long touchpointId) {
    return jdbc.queryForObject("select occurred_at from crm_touchpoints where id = ?", OffsetDateTime.class,
        touchpointId);
  }

  @Override
  public void markBreached(IdentityService identity, long touchpointId, OffsetDateTime at) {
    int marked = jdbc.update("""
        update crm_touchpoints set is_sla_breached = true, sla_breached_at = ?
        where id = ? and responded_at is null and is_sla_breached = false""", at, touchpointId);
    Breached window = jdbc.queryForObject("""
        select t.order_id, t.channel, t.occurred_at, t.response_due_at, c.display_name,
               coalesce(o.manager_id, t.manager_id) as manager_id
          from crm_touchpoints t join customers c on c.id = t.customer_id left join orders o on o.id = t.order_id
         where t.id = ?""", (rs, i) -> new Breached((Long) rs.getObject("order_id", Long.class),
        rs.getString("channel"), rs.getObject("occurred_at", OffsetDateTime.class),
        rs.getObject("response_due_at", OffsetDateTime.class), rs.getString("display_name"),
        rs.getString("manager_id")), touchpointId);
    if (marked > 0 && window.orderId() != null) {
      journey.record(window.orderId(), "reply_window_breached", null, null, null, "system",
          "touchpoint " + touchpointId + " not answered in time", at);
    }
    List<String> recipients = (window.managerId() != null
        ? identity.createUserQuery().userId(window.managerId()).list()
        : identity.createUserQuery().memberOfGroup("sales-managers").list())
        .stream().map(User::getEmail).filter(email -> email != null).toList();
    notifications.enqueue(new Notification("reply_window_breach:touchpoint:" + touchpointId, "reply_window_breach",
        window.orderId(), null, 1, names.language(), recipients, Map.of("customerName", window.customerName(),
            "channel", names.channel(window.channel()), "occurredAt", names.dateTime(window.occurredAt().toInstant()),
            "dueAt", window.dueAt() == null ? "—" : names.dateTime(window.dueAt().toInstant()),
            "orderRef", window.orderId() == null ? "" : " (" + names.order(window.orderId()) + ")")));
  }

  private record Breached(Long orderId, String channel, OffsetDateTime occurredAt, OffsetDateTime dueAt,
      String customerName, String managerId) {}
}
