package com.cjmflow.followups;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.cjmflow.followups.process.FollowupVariables;
import com.cjmflow.platform.EngineClock;
import com.cjmflow.platform.EngineContext;
import com.cjmflow.stage.TaskEvents;

/**
 * Mirrors every user task marked {@code followup=true} in the model into {@code crm_manager_followups}. Completing
 * the task — in Tasklist, over the engine REST API or with our PATCH endpoint — updates the row the same way.
 */
@Component
@Order(20)
class FollowupMirror implements TaskEvents {

  static final String MARKER = "followup";

  private final JdbcTemplate jdbc;
  private final ApplicationEventPublisher events;

  FollowupMirror(JdbcTemplate jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  @Override
  public void created(DelegateTask task, Map<String, String> properties) {
    if (!isFollowup(properties)) {
      return;
    }
    Long orderId = FollowupVariables.ORDER_ID.from(task);
    Long customerId = orderId != null
        ? jdbc.queryForObject("select customer_id from orders where id = ?", Long.class, orderId)
        : FollowupVariables.CUSTOMER_ID.from(task);
    String createdBy = FollowupVariables.CREATED_BY.from(task);
    OffsetDateTime dueAt = at(task.getDueDate() != null ? task.getDueDate() : task.getCreateTime());
    String origin = FollowupVariables.ORIGIN.from(task) == null ? "manager" : FollowupVariables.ORIGIN.from(task);
    jdbc.update("""
        insert into crm_manager_followups (task_id, process_instance_id, order_id, customer_id, manager_id, subject,
          due_at, follow_up_at, origin, created_by, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        task.getId(), task.getProcessInstanceId(), orderId, customerId, task.getAssignee(), task.getName(),
        dueAt, at(task.getFollowUpDate()), origin,
        createdBy != null ? createdBy : task.getAssignee(), at(task.getCreateTime()));
    events.publishEvent(new FollowupEvents.FollowupCreated(task.getId(), orderId, customerId, task.getAssignee(),
        task.getName(), dueAt, origin, at(task.getCreateTime()),
        createdBy != null ? createdBy : task.getAssignee()));
  }

  @Override
  public void assigned(DelegateTask task, Map<String, String> properties) {
    if (isFollowup(properties)) {
      jdbc.update("update crm_manager_followups set manager_id = ? where task_id = ?", task.getAssignee(),
          task.getId());
    }
  }

  @Override
  public void updated(DelegateTask task, Map<String, String> properties) {
    if (isFollowup(properties) && task.getDueDate() != null) {
      jdbc.update("update crm_manager_followups set due_at = ?, follow_up_at = ? where task_id = ?",
          at(task.getDueDate()), at(task.getFollowUpDate()), task.getId());
    }
  }

  @Override
  public void completed(DelegateTask task, Map<String, String> properties) {
    if (!isFollowup(properties)) {
      return;
    }
    OffsetDateTime now = EngineClock.now();
    String outcome = FollowupVariables.OUTCOME.from(task);
    String completedBy = EngineContext.userId(task.getProcessEngineServices()).orElse(task.getAssignee());
    int completed = jdbc.update("""
        update crm_manager_followups set status = 'completed', outcome = ?, completed_at = ?, completed_by = ?,
          completed_on_time = case when due_at >= ? then true else false end
        where task_id = ? and status = 'open'""",
        outcome, now, completedBy, now, task.getId());
    if (completed > 0) {
      jdbc.query("select order_id, customer_id, completed_on_time from crm_manager_followups where task_id = ?",
          rs -> {
            events.publishEvent(new FollowupEvents.FollowupCompleted(task.getId(),
                (Long) rs.getObject("order_id", Long.class), (Long) rs.getObject("customer_id", Long.class),
                completedBy, rs.getBoolean("completed_on_time"), outcome, now));
          }, task.getId());
    }
  }

  @Override
  public void deleted(DelegateTask task, Map<String, String> properties) {
    if (isFollowup(properties)) {
      jdbc.update("update crm_manager_followups set status = 'cancelled' where task_id = ? and status = 'open'",
          task.getId());
    }
  }

  private static boolean isFollowup(Map<String, String> properties) {
    return "true".equals(properties.get(MARKER));
  }

  private static OffsetDateTime at(Date date) {
    return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
  }
}
