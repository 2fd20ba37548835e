package com.cjmflow.touchpoints;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
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

  private final JdbcClient jdbc;
  private final RuntimeService runtime;
  private final JourneyLog journey;
  private final AsSystem asSystem;
  private final Notifications notifications;
  private final DisplayNames names;
  private final ApplicationEventPublisher events;

  ReplyWindows(JdbcClient jdbc, RuntimeService runtime, JourneyLog journey, AsSystem asSystem,
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
    String tier = jdbc.sql("select tier from customers where id = :id").param("id", touchpoint.customerId())
        .query(String.class).single();
    asSystem.run(() -> runtime.createMessageCorrelation(PROCESS_MESSAGE)
        .processInstanceBusinessKey(businessKey(touchpointId))
        .setVariables(ReplyWindowVariables.started(touchpointId, touchpoint.channel(), tier))
        .correlateStartMessage());
  }

  /** An outbound touchpoint answers every open window of its order (or, without an order, of its customer). */
  void closeWith(long replyId, Touchpoints.NewTouchpoint reply) {
    String windows = reply.orderId() != null ? "order_id = :orderId"
        : "customer_id = :customerId and order_id is null";
    List<Long> open = jdbc.sql("select id from crm_touchpoints where " + windows
        + " and direction = 'inbound' and responded_at is null and occurred_at <= :at")
        .param("orderId", reply.orderId()).param("customerId", reply.customerId()).param("at", reply.occurredAt())
        .query(Long.class).list();
    for (long windowId : open) {
      jdbc.sql("update crm_touchpoints set responded_at = :at, reply_touchpoint_id = :replyId where id = :id")
          .param("at", reply.occurredAt()).param("replyId", replyId).param("id", windowId).update();
      events.publishEvent(new TouchpointEvents.ReplyAppended(windowId, replyId, reply.customerId(), reply.orderId(),
          reply.occurredAt()));
      asSystem.run(() -> runtime.createMessageCorrelation(REPLY_MESSAGE)
          .processInstanceBusinessKey(businessKey(windowId)).correlateAllWithResult());
    }
  }

  @Override
  public void setDue(long touchpointId, OffsetDateTime due) {
    jdbc.sql("update crm_touchpoints set response_due_at = :due where id = :id").param("due", due)
        .param("id", touchpointId).update();
  }

  @Override
  public OffsetDateTime occurredAt(long touchpointId) {
    return jdbc.sql("select occurred_at from crm_touchpoints where id = :id").param("id", touchpointId)
        .query(OffsetDateTime.class).single();
  }

  @Override
  public void markBreached(IdentityService identity, long touchpointId, OffsetDateTime at) {
    int marked = jdbc.sql("""
        update crm_touchpoints set is_sla_breached = true, sla_breached_at = :at
        where id = :id and responded_at is null and is_sla_breached = false""").param("at", at)
        .param("id", touchpointId).update();
    Breached window = jdbc.sql("""
        select t.order_id, t.channel, t.occurred_at, t.response_due_at as due_at, c.display_name as customer_name,
               coalesce(o.manager_id, t.manager_id) as manager_id
          from crm_touchpoints t join customers c on c.id = t.customer_id left join orders o on o.id = t.order_id
         where t.id = :id""").param("id", touchpointId).query(Breached.class).single();
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
