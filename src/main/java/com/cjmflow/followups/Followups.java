package com.cjmflow.followups;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.cjmflow.followups.process.FollowupVariables;
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

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final JdbcClient jdbc;

  Followups(RuntimeService runtime, TaskService tasks, JdbcClient jdbc) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.jdbc = jdbc;
  }

  /** Starts a follow-up; its task (and so its row) exists when this returns. */
  @Transactional
  public Followup create(NewFollowup followup) {
    String processInstanceId = runtime.createMessageCorrelation(MESSAGE)
        .setVariables(started(followup))
        .correlateStartMessage().getId();
    return jdbc.sql("select * from crm_manager_followups where process_instance_id = ?").param(processInstanceId)
        .query(Followup.class).optional().orElseThrow();
  }

  private static VariableMap started(NewFollowup followup) {
    VariableMap variables = Variables.createVariables();
    FollowupVariables.ORDER_ID.put(variables, followup.orderId());
    FollowupVariables.SUBJECT.put(variables, followup.subject());
    FollowupVariables.DUE_AT.put(variables, Date.from(followup.dueAt().toInstant()));
    FollowupVariables.FOLLOW_UP_AT.put(variables,
        followup.followUpAt() == null ? null : Date.from(followup.followUpAt().toInstant()));
    FollowupVariables.MANAGER_ID.put(variables, followup.managerId());
    FollowupVariables.CREATED_BY.put(variables, followup.createdBy());
    FollowupVariables.ORIGIN.put(variables, followup.origin());
    return FollowupVariables.CANDIDATE_GROUP.put(variables, followup.candidateGroup());
  }

  /** Completes the follow-up's task with its outcome, exactly as Tasklist does; 409 when it is not open. */
  @Transactional
  public Followup complete(long id, String outcome) {
    Followup followup = find(id).orElseThrow(() -> new FollowupNotFound(id));
    // The row is the lock: a parallel completion (a double click, Tasklist) waits here, then finds it not open.
    if (!"open".equals(followup.status()) || jdbc.sql(
        "update crm_manager_followups set status = status where id = ? and status = 'open'").param(id).update() == 0) {
      throw new DomainException.StateConflict("Follow-up " + id + " is "
          + find(id).map(Followup::status).orElse("gone"));
    }
    tasks.complete(followup.taskId(), FollowupVariables.OUTCOME.put(Variables.createVariables(), outcome));
    return find(id).orElseThrow();
  }

  public Optional<Followup> find(long id) {
    return jdbc.sql("select * from crm_manager_followups where id = ?").param(id).query(Followup.class).optional();
  }

  public Page<Followup> list(String managerId, Long orderId, String status, int page, int size) {
    return PagedQuery.from("from crm_manager_followups").whereIf(managerId, "manager_id = ?")
        .whereIf(orderId, "order_id = ?").whereIf(status, "status = ?")
        .page(jdbc, "select *", "due_at, id", Followup.class, page, size);
  }

  /** An order's first {@code size} follow-ups in {@link #list}'s order, without a count. */
  public List<Followup> ofOrder(long orderId, int size) {
    return PagedQuery.from("from crm_manager_followups").where("order_id = ?", orderId)
        .first(jdbc, "select *", "due_at, id", Followup.class, size);
  }
}
