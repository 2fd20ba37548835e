package com.cjmflow.activity;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cjmflow.orderflow.Orders;
import com.cjmflow.platform.CommandScoped;
import com.cjmflow.platform.EngineClock;
import com.cjmflow.platform.EngineContext;
import com.cjmflow.platform.SharedVariables;
import com.cjmflow.stage.TaskEvents;

/**
 * Keeps the {@code tasks} table (seed 000 §3.1) a mirror of every user task, in the engine transaction, and makes the
 * first sales manager who takes a task of an order that order's manager.
 */
@Component
@Order(25) // after continuity (20), so a task handed to the previous manager is inserted with its assignee
class TaskMirror implements TaskEvents {

  static final String SALES_MANAGERS = "sales-managers";

  private final JdbcClient jdbc;
  private final Orders orders;
  /** The assignee a task's row was inserted with in the current command (its assignment event follows). */
  private final CommandScoped<String, String> insertedWith = new CommandScoped<>();

  TaskMirror(JdbcClient jdbc, Orders orders) {
    this.jdbc = jdbc;
    this.orders = orders;
  }

  @Override
  public void created(DelegateTask task, Map<String, String> properties) {
    String groups = task.getCandidates().stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(link -> link.getGroupId()).collect(Collectors.joining(","));
    jdbc.sql("""
        insert into tasks (task_id, order_id, process_instance_id, activity_id, name, stage, assignee,
          candidate_groups, created_at, due_at, follow_up_at)
        values (:taskId, :orderId, :processInstanceId, :activityId, :name, :stage, :assignee, :groups, :createdAt,
          :dueAt, :followUpAt)""")
        .param("taskId", task.getId()).param("orderId", orderId(task))
        .param("processInstanceId", task.getProcessInstanceId()).param("activityId", task.getTaskDefinitionKey())
        .param("name", task.getName()).param("stage", properties.get("stage")).param("assignee", task.getAssignee())
        .param("groups", groups.isEmpty() ? null : groups).param("createdAt", at(task.getCreateTime()))
        .param("dueAt", at(task.getDueDate())).param("followUpAt", at(task.getFollowUpDate())).update();
    // an assignee given at creation (by the model or a create listener) fires the assignment event after this one:
    // the row already holds it
    if (task.getAssignee() != null) {
      insertedWith.put(task.getId(), task.getAssignee());
    }
  }

  @Override
  public void assigned(DelegateTask task, Map<String, String> properties) {
    if (!Objects.equals(insertedWith.take(task.getId()), task.getAssignee())) {
      jdbc.sql("update tasks set assignee = :assignee where task_id = :taskId and assignee is distinct from :assignee")
          .param("assignee", task.getAssignee()).param("taskId", task.getId()).update();
    }
    adoptManager(task);
  }

  /** The first sales manager who takes a task of an order becomes the order's manager. */
  private void adoptManager(DelegateTask task) {
    Long orderId = orderId(task);
    if (orderId != null && task.getAssignee() != null && isSalesManager(task, task.getAssignee())) {
      orders.assignManagerIfNone(orderId, task.getAssignee());
    }
  }

  @Override
  public void updated(DelegateTask task, Map<String, String> properties) {
    // the engine fires an update at every change of a task, an assignment too: a row only when a mirrored field moved
    jdbc.sql("""
        update tasks set name = :name, due_at = :dueAt, follow_up_at = :followUpAt
         where task_id = :taskId and (name is distinct from :name or due_at is distinct from :dueAt
           or follow_up_at is distinct from :followUpAt)""")
        .param("name", task.getName()).param("dueAt", at(task.getDueDate()))
        .param("followUpAt", at(task.getFollowUpDate())).param("taskId", task.getId()).update();
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
    jdbc.sql("""
        update tasks set completed_at = :now, completed_by = :by, end_reason = :reason where task_id = :taskId""")
        .param("now", EngineClock.now())
        .param("by", EngineContext.userId(task.getProcessEngineServices()).orElse(task.getAssignee()))
        .param("reason", reason).param("taskId", task.getId()).update();
  }

  /**
   * A system check, whatever the acting user may read. A user who takes a task themselves (a claim, or continuity
   * handing it to whoever completed the step before) is the authenticated caller: the groups the engine authorizes
   * them by answer it without a query.
   */
  private static boolean isSalesManager(DelegateTask task, String userId) {
    return EngineContext.groupsIfCaller(task.getProcessEngineServices(), userId)
        .map(groups -> groups.contains(SALES_MANAGERS))
        .orElseGet(() -> EngineContext.withoutAuthorization(() -> task.getProcessEngineServices()
            .getIdentityService().createUserQuery().userId(userId).memberOfGroup(SALES_MANAGERS).count() > 0));
  }

  static Long orderId(VariableScope scope) {
    return SharedVariables.ORDER_ID.from(scope);
  }

  static OffsetDateTime at(Date date) {
    return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
  }
}
