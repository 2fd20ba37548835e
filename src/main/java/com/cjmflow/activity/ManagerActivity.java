package com.cjmflow.activity;

import java.time.OffsetDateTime;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cjmflow.customers.CustomerOwnerChanged;
import com.cjmflow.followups.FollowupEvents;
import com.cjmflow.platform.ActorKind;
import com.cjmflow.stage.StageEntered;
import com.cjmflow.touchpoints.TouchpointRecorded;

/**
 * The one writer of {@code manager_activity_events}: the engine's user operation log, status changes made by a user,
 * touchpoints with a manager and owner changes. Runs in the transaction of what it records (the events are handled
 * synchronously).
 */
@Component
class ManagerActivity {

  private final JdbcClient jdbc;

  ManagerActivity(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @EventListener
  void on(StageEntered entered) {
    if (entered.byUser()) {
      jdbc.sql("""
          insert into manager_activity_events (manager_id, actor_kind, action, order_id, customer_id, property,
            before_value, after_value, source, occurred_at)
          values (:actor, %s, 'status_change', :orderId, (select customer_id from orders where id = :orderId),
            'status', :before, :after, 'stage', :at)""".formatted(ActorKind.SQL))
          .param("actor", entered.actor()).param("orderId", entered.orderId())
          .param("before", entered.previousStatus()).param("after", entered.stage()).param("at", entered.at())
          .update();
    }
  }

  @EventListener
  void on(TouchpointRecorded touchpoint) {
    if (touchpoint.managerId() != null) {
      jdbc.sql("""
          insert into manager_activity_events
            (manager_id, actor_kind, action, order_id, customer_id, property, after_value, source, occurred_at)
          values (:actor, %s, 'touchpoint', :orderId, :customerId, :direction, :after, 'touchpoint', :at)"""
          .formatted(ActorKind.SQL))
          .param("actor", touchpoint.managerId()).param("orderId", touchpoint.orderId())
          .param("customerId", touchpoint.customerId()).param("direction", touchpoint.direction())
          .param("after", touchpoint.channel() + ": " + (touchpoint.subject() == null ? "" : touchpoint.subject()))
          .param("at", touchpoint.occurredAt()).update();
    }
  }

  @EventListener
  void on(CustomerOwnerChanged change) {
    if (change.actingUser() != null) {
      jdbc.sql("""
          insert into manager_activity_events
            (manager_id, actor_kind, action, customer_id, property, before_value, after_value, source, occurred_at)
          values (:actor, %s, 'assign', :customerId, 'owner', :before, :after, 'customers', :at)"""
          .formatted(ActorKind.SQL))
          .param("actor", change.actingUser()).param("customerId", change.customerId())
          .param("before", change.previousManagerId()).param("after", change.managerId()).param("at", change.at())
          .update();
    }
  }

  /** A follow-up planned by a manager, or by a process (an ERP reminder, a blacklist review: the system's action). */
  @EventListener
  void on(FollowupEvents.FollowupCreated followup) {
    if (followup.createdBy() != null) {
      jdbc.sql("""
          insert into manager_activity_events (manager_id, actor_kind, action, order_id, customer_id, task_id,
            property, after_value, source, occurred_at)
          values (:actor, case when :origin = 'process' then 'system' else %s end, 'followup_created', :orderId,
            :customerId, :taskId, 'subject', :subject, 'followup', :at)""".formatted(ActorKind.SQL))
          .param("actor", followup.createdBy()).param("origin", followup.origin())
          .param("orderId", followup.orderId()).param("customerId", followup.customerId())
          .param("taskId", followup.taskId()).param("subject", followup.subject()).param("at", followup.createdAt())
          .update();
    }
  }

  /** A tool an AI agent called through the MCP server, in the agent's (the logged-in user's) name. */
  @EventListener
  void on(com.cjmflow.ai.AiToolCalled call) {
    jdbc.sql("""
        insert into manager_activity_events (manager_id, actor_kind, action, order_id, customer_id, property,
          before_value, after_value, source, occurred_at)
        values (:actor, %s, 'mcp_tool', :orderId, :customerId, :tool, :arguments, :outcome, 'mcp', :at)"""
        .formatted(ActorKind.SQL))
        .param("actor", call.actorId()).param("orderId", call.orderId()).param("customerId", call.customerId())
        .param("tool", call.tool()).param("arguments", call.arguments() == null
            || call.arguments().length() <= 2000 ? call.arguments() : call.arguments().substring(0, 2000))
        .param("outcome", call.outcome()).param("at", call.calledAt()).update();
  }

  /** An entry of the engine's user operation log, on the order of its process instance or task. */
  void operation(String userId, String action, String taskId, String processInstanceId, String property,
      String before, String after, OffsetDateTime at) {
    jdbc.sql("""
        insert into manager_activity_events (manager_id, actor_kind, action, order_id, customer_id, task_id, property,
          before_value, after_value, source, occurred_at)
        select :actor, %s, :action, o.id, o.customer_id, :taskId, :property, :before, :after, 'operation_log', :at
          from (select coalesce((select id from orders where process_instance_id = :processInstanceId),
                                (select order_id from tasks where task_id = :taskId)) as order_id) r
          left join orders o on o.id = r.order_id""".formatted(ActorKind.SQL))
        .param("actor", userId).param("action", action).param("taskId", taskId).param("property", property)
        .param("before", before).param("after", after).param("at", at)
        .param("processInstanceId", processInstanceId).update();
  }
}
