package com.cjmflow.activity;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.cjmflow.orderflow.Orders;
import com.cjmflow.platform.EngineClock;
import com.cjmflow.platform.EngineContext;
import com.cjmflow.platform.SharedVariables;
import com.cjmflow.stage.TaskEvents;

/**
 * Keeps the {@code tasks} table (seed 000 §3.1) a mirror of every user task, in the engine transaction, and makes the
 * first sales manager who takes a task of an order that order's manager.
 */
@Component
@Order(10)
class TaskMirror implements TaskEvents {

  static final String SALES_MANAGERS = "sales-managers";

  private final JdbcTemplate jdbc;
  private final Orders orders;

  TaskMirror(JdbcTemplate jdbc, Orders orders) {
    this.jdbc = jdbc;
    this.orders = orders;
  }

  @Override
  public void created(DelegateTask task, Map<String, String> properties) {
    String groups = task.getCandidates().stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(link -> link.getGroupId()).collect(Collectors.joining(","));
    jdbc.update("""
        insert into tasks (task_id, order_id, process_instance_id, activity_id, name, stage, assignee,
          candidate_groups, created_at, due_at, follow_up_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        task.getId(), orderId(task), task.getProcessInstanceId(), task.getTaskDefinitionKey(), task.getName(),
        properties.get("stage"), task.getAssignee(), groups.isEmpty() ? null : groups, at(task.getCreateTime()),
        at(task.getDueDate()), at(task.getFollowUpDate()));
    if (task.getAssignee() != null) {
      assigned(task, properties);
    }
  }

  @Override
  public void assigned(DelegateTask task, Map<String, String> properties) {
    jdbc.update("update tasks set assignee = ? where task_id = ?", task.getAssignee(), task.getId());
    Long orderId = orderId(task);
    if (orderId != null && task.getAssignee() != null && isSalesManager(task, task.getAssignee())) {
      orders.assignManagerIfNone(orderId, task.getAssignee());
    }
  }

  @Override
  public void updated(DelegateTask task, Map<String, String> properties) {
    jdbc.update("update tasks set name = ?, due_at = ?, follow_up_at = ? where task_id = ?", task.getName(),
        at(task.getDueDate()), at(task.getFollowUpDate()), task.getId());
  }

  @Override
  public void completed(DelegateTask task, Map<String, String> properties) {
    end(task, "completed");
  }

  @Override
  public void deleted(DelegateTask task, Map<String, String> properties) {
    end(task, "deleted");
  }

  private void end(DelegateTask task, String reason) {
    jdbc.update("update tasks set completed_at = ?, completed_by = ?, end_reason = ? where task_id = ?",
        EngineClock.now(), EngineContext.userId(task.getProcessEngineServices()).orElse(task.getAssignee()), reason,
        task.getId());
  }

  /** A system check, whatever the acting user may read. */
  private static boolean isSalesManager(DelegateTask task, String userId) {
    return EngineContext.withoutAuthorization(() -> task.getProcessEngineServices()
        .getIdentityService().createUserQuery().userId(userId).memberOfGroup(SALES_MANAGERS).count() > 0);
  }

  static Long orderId(VariableScope scope) {
    return SharedVariables.ORDER_ID.from(scope);
  }

  static OffsetDateTime at(Date date) {
    return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
  }
}
