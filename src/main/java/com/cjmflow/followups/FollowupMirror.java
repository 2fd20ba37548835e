package com.cjmflow.followups;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
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

  /** A completed follow-up as its event names it ({@code completed_on_time} may be null: not on time). */
  private record Completed(Long orderId, Long customerId, Boolean completedOnTime) {}

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;

  FollowupMirror(JdbcClient jdbc, ApplicationEventPublisher events) {
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
        ? jdbc.sql("select customer_id from orders where id = :orderId").param("orderId", orderId).query(Long.class)
            .single()
        : FollowupVariables.CUSTOMER_ID.from(task);
    String createdBy = FollowupVariables.CREATED_BY.from(task);
    OffsetDateTime dueAt = at(task.getDueDate() != null ? task.getDueDate() : task.getCreateTime());
    String origin = FollowupVariables.ORIGIN.from(task) == null ? "manager" : FollowupVariables.ORIGIN.from(task);
    jdbc.sql("""
        insert into crm_manager_followups (task_id, process_instance_id, order_id, customer_id, manager_id, subject,
          due_at, follow_up_at, origin, created_by, created_at)
        values (:taskId, :processInstanceId, :orderId, :customerId, :managerId, :subject, :dueAt, :followUpAt,
          :origin, :createdBy, :createdAt)""")
        .param("taskId", task.getId()).param("processInstanceId", task.getProcessInstanceId())
        .param("orderId", orderId).param("customerId", customerId).param("managerId", task.getAssignee())
        .param("subject", task.getName()).param("dueAt", dueAt).param("followUpAt", at(task.getFollowUpDate()))
        .param("origin", origin).param("createdBy", createdBy != null ? createdBy : task.getAssignee())
        .param("createdAt", at(task.getCreateTime())).update();
    events.publishEvent(new FollowupEvents.FollowupCreated(task.getId(), orderId, customerId, task.getAssignee(),
        task.getName(), dueAt, origin, at(task.getCreateTime()),
        createdBy != null ? createdBy : task.getAssignee()));
  }

  @Override
  public void assigned(DelegateTask task, Map<String, String> properties) {
    if (isFollowup(properties)) {
      // an assignee given at creation is in the inserted row already
      jdbc.sql("""
          update crm_manager_followups set manager_id = :managerId
           where task_id = :taskId and manager_id is distinct from :managerId""")
          .param("managerId", task.getAssignee()).param("taskId", task.getId()).update();
    }
  }

  @Override
  public void updated(DelegateTask task, Map<String, String> properties) {
    if (isFollowup(properties) && task.getDueDate() != null) {
      // the engine fires an update at every change of a task, an assignment too: a row only when a date moved
      jdbc.sql("""
          update crm_manager_followups set due_at = :dueAt, follow_up_at = :followUpAt
           where task_id = :taskId and (due_at is distinct from :dueAt or follow_up_at is distinct from :followUpAt)""")
          .param("dueAt", at(task.getDueDate())).param("followUpAt", at(task.getFollowUpDate()))
          .param("taskId", task.getId()).update();
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
    int completed = jdbc.sql("""
        update crm_manager_followups set status = 'completed', outcome = :outcome, completed_at = :now,
          completed_by = :completedBy, completed_on_time = case when due_at >= :now then true else false end
        where task_id = :taskId and status = 'open'""")
        .param("outcome", outcome).param("now", now).param("completedBy", completedBy).param("taskId", task.getId())
        .update();
    if (completed > 0) {
      jdbc.sql("select order_id, customer_id, completed_on_time from crm_manager_followups where task_id = :taskId")
          .param("taskId", task.getId()).query(Completed.class).list()
          .forEach(done -> events.publishEvent(new FollowupEvents.FollowupCompleted(task.getId(), done.orderId(),
              done.customerId(), completedBy, Boolean.TRUE.equals(done.completedOnTime()), outcome, now)));
    }
  }

  @Override
  public void deleted(DelegateTask task, Map<String, String> properties) {
    if (isFollowup(properties)) {
      jdbc.sql("update crm_manager_followups set status = 'cancelled' where task_id = :taskId and status = 'open'")
          .param("taskId", task.getId()).update();
    }
  }

  private static boolean isFollowup(Map<String, String> properties) {
    return "true".equals(properties.get(MARKER));
  }

  private static OffsetDateTime at(Date date) {
    return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
  }
}
