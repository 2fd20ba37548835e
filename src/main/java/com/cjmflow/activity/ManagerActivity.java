package com.cjmflow.activity;

import java.time.OffsetDateTime;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
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

  private final JdbcTemplate jdbc;

  ManagerActivity(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @EventListener
  void on(StageEntered entered) {
    if (entered.byUser()) {
      jdbc.update("""
          insert into manager_activity_events (manager_id, actor_kind, action, order_id, customer_id, property,
            before_value, after_value, source, occurred_at)
          values (?, %s, 'status_change', ?, (select customer_id from orders where id = ?), 'status', ?, ?, 'stage', ?)
          """.formatted(ActorKind.SQL),
          entered.actor(), entered.actor(), entered.orderId(), entered.orderId(), entered.previousStatus(), entered.stage(),
          entered.at());
    }
  }

  @EventListener
  void on(TouchpointRecorded touchpoint) {
    if (touchpoint.managerId() != null) {
      jdbc.update("""
          insert into manager_activity_events
            (manager_id, actor_kind, action, order_id, customer_id, property, after_value, source, occurred_at)
          values (?, %s, 'touchpoint', ?, ?, ?, ?, 'touchpoint', ?)""".formatted(ActorKind.SQL),
          touchpoint.managerId(), touchpoint.managerId(), touchpoint.orderId(), touchpoint.customerId(), touchpoint.direction(),
          touchpoint.channel() + ": " + (touchpoint.subject() == null ? "" : touchpoint.subject()),
          touchpoint.occurredAt());
    }
  }

  @EventListener
  void on(CustomerOwnerChanged change) {
    if (change.actingUser() != null) {
      jdbc.update("""
          insert into manager_activity_events
            (manager_id, actor_kind, action, customer_id, property, before_value, after_value, source, occurred_at)
          values (?, %s, 'assign', ?, 'owner', ?, ?, 'customers', ?)""".formatted(ActorKind.SQL),
          change.actingUser(), change.actingUser(), change.customerId(), change.previousManagerId(), change.managerId(), change.at());
    }
  }

  /** A follow-up planned by a manager, or by a process (an ERP reminder, a blacklist review: the system's action). */
  @EventListener
  void on(FollowupEvents.FollowupCreated followup) {
    if (followup.createdBy() != null) {
      jdbc.update("""
          insert into manager_activity_events (manager_id, actor_kind, action, order_id, customer_id, task_id,
            property, after_value, source, occurred_at)
          values (?, case when ? = 'process' then 'system' else %s end, 'followup_created', ?, ?, ?, 'subject', ?,
            'followup', ?)""".formatted(ActorKind.SQL),
          followup.createdBy(), followup.origin(), followup.createdBy(), followup.orderId(), followup.customerId(),
          followup.taskId(), followup.subject(), followup.createdAt());
    }
  }

  /** A tool an AI agent called through the MCP server, in the agent's (the logged-in user's) name. */
  @EventListener
  void on(com.cjmflow.ai.AiToolCalled call) {
    jdbc.update("""
        insert into manager_activity_events (manager_id, actor_kind, action, order_id, customer_id, property,
          before_value, after_value, source, occurred_at)
        values (?, %s, 'mcp_tool', ?, ?, ?, ?, ?, 'mcp', ?)""".formatted(ActorKind.SQL),
        call.actorId(), call.actorId(), call.orderId(), call.customerId(), call.tool(),
        call.arguments() == null || call.arguments().length() <= 2000 ? call.arguments()
            : call.arguments().substring(0, 2000), call.outcome(), call.calledAt());
  }

  /** An entry of the engine's user operation log, on the order of its process instance or task. */
  void operation(String userId, String action, String taskId, String processInstanceId, String property,
      String before, String after, OffsetDateTime at) {
    jdbc.update("""
        insert into manager_activity_events (manager_id, actor_kind, action, order_id, customer_id, task_id, property,
          before_value, after_value, source, occurred_at)
        select ?, %s, ?, o.id, o.customer_id, ?, ?, ?, ?, 'operation_log', ?
          from (select coalesce((select id from orders where process_instance_id = ?),
                                (select order_id from tasks where task_id = ?)) as order_id) r
          left join orders o on o.id = r.order_id""".formatted(ActorKind.SQL),
        userId, userId, action, taskId, property, before, after, at, processInstanceId, taskId);
  }
}
