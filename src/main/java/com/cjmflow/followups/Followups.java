package com.cjmflow.followups;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.cjmflow.platform.DomainException;
import com.cjmflow.platform.Page;
import com.cjmflow.platform.PagedQuery;


import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Manager follow-ups: user tasks of {@code processes/manager-followup.bpmn}, mirrored in
 * {@code crm_manager_followups}. Engine calls run as the calling user, so the engine's authorizations apply.
 */
@Service
public class Followups {

  public static final String MESSAGE = "FollowUpRequested";

  /** A follow-up to start; {@code candidateGroup} is the role that may take it (default sales-managers). */
  public record NewFollowup(Long orderId, String subject, OffsetDateTime dueAt, OffsetDateTime followUpAt,
      String managerId, String createdBy, String origin, String candidateGroup) {

    public NewFollowup(Long orderId, String subject, OffsetDateTime dueAt, OffsetDateTime followUpAt,
        String managerId, String createdBy, String origin) {
      this(orderId, subject, dueAt, followUpAt, managerId, createdBy, origin, null);
    }
  }

  public record Followup(long id, String taskId, Long orderId, Long customerId, String managerId, String subject,
      OffsetDateTime dueAt, OffsetDateTime followUpAt, String status, String outcome, OffsetDateTime completedAt,
      String completedBy, Boolean completedOnTime, String origin, String createdBy, OffsetDateTime createdAt) {}

  private static final RowMapper<Followup> ROW = (rs, i) -> new Followup(rs.getLong("id"), rs.getString("task_id"),
      (Long) rs.getObject("order_id", Long.class), (Long) rs.getObject("customer_id", Long.class),
      rs.getString("manager_id"), rs.getString("subject"), rs.getObject("due_at", OffsetDateTime.class),
      rs.getObject("follow_up_at", OffsetDateTime.class), rs.getString("status"), rs.getString("outcome"),
      rs.getObject("completed_at", OffsetDateTime.class), rs.getString("completed_by"),
      (Boolean) rs.getObject("completed_on_time", Boolean.class), rs.getString("origin"),
      rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class));

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final JdbcTemplate jdbc;

  Followups(RuntimeService runtime, TaskService tasks, JdbcTemplate jdbc) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.jdbc = jdbc;
  }

  /** Starts a follow-up; its task (and so its row) exists when this returns. */
  @Transactional
  public Followup create(NewFollowup followup) {
    String processInstanceId = runtime.createMessageCorrelation(MESSAGE)
        .setVariables(Variables.createVariables()
            .putValue(FollowupVariables.ORDER_ID, followup.orderId())
            .putValue(FollowupVariables.SUBJECT, followup.subject())
            .putValue(FollowupVariables.DUE_AT, Date.from(followup.dueAt().toInstant()))
            .putValue(FollowupVariables.FOLLOW_UP_AT,
                followup.followUpAt() == null ? null : Date.from(followup.followUpAt().toInstant()))
            .putValue(FollowupVariables.MANAGER_ID, followup.managerId())
            .putValue(FollowupVariables.CREATED_BY, followup.createdBy())
            .putValue(FollowupVariables.ORIGIN, followup.origin())
            .putValue(FollowupVariables.CANDIDATE_GROUP, followup.candidateGroup()))
        .correlateStartMessage().getId();
    return jdbc.query("select * from crm_manager_followups where process_instance_id = ?", ROW, processInstanceId)
        .stream().findFirst().orElseThrow();
  }

  /** Completes the follow-up's task with its outcome, exactly as Tasklist does; 409 when it is not open. */
  @Transactional
  public Followup complete(long id, String outcome) {
    Followup followup = find(id).orElseThrow(() -> new FollowupNotFound(id));
    // The row is the lock: a parallel completion (a double click, Tasklist) waits here, then finds it not open.
    if (!"open".equals(followup.status()) || jdbc.update(
        "update crm_manager_followups set status = status where id = ? and status = 'open'", id) == 0) {
      throw new DomainException.StateConflict("Follow-up " + id + " is "
          + find(id).map(Followup::status).orElse("gone"));
    }
    tasks.complete(followup.taskId(), Variables.createVariables().putValue(FollowupVariables.OUTCOME, outcome));
    return find(id).orElseThrow();
  }

  public Optional<Followup> find(long id) {
    return jdbc.query("select * from crm_manager_followups where id = ?", ROW, id).stream().findFirst();
  }

  public Page<Followup> list(String managerId, Long orderId, String status, int page, int size) {
    return PagedQuery.from("from crm_manager_followups").whereIf(managerId, "manager_id = ?")
        .whereIf(orderId, "order_id = ?").whereIf(status, "status = ?")
        .page(jdbc, "select *", "due_at, id", ROW, page, size);
  }
}
