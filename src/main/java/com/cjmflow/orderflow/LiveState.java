package com.cjmflow.orderflow;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.DomainException;
import com.cjmflow.platform.EngineContext;


/** What an order's process is waiting for right now, read as the calling user (engine authorizations apply). */
@Component
public class LiveState {

  public record OpenTask(String id, String name, String activityId, String assignee, List<String> candidateGroups,
      OffsetDateTime created, OffsetDateTime due) {}

  public record PendingTimer(String jobId, String activityId, OffsetDateTime dueAt) {}

  private final TaskService tasks;
  private final ManagementService management;
  private final HistoryService history;
  private final JdbcClient jdbc;
  private final ProcessEngine engine;

  LiveState(TaskService tasks, ManagementService management, HistoryService history, JdbcClient jdbc,
      ProcessEngine engine) {
    this.engine = engine;
    this.tasks = tasks;
    this.management = management;
    this.history = history;
    this.jdbc = jdbc;
  }

  /** Refuses callers who may not see the process instance. */
  public void checkVisible(String processInstanceId) {
    if (history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0) {
      throw new DomainException.NotAllowed("You may not read process instance " + processInstanceId);
    }
  }

  /** What the process waits for now: its open tasks and pending timers. */
  public record Live(List<OpenTask> openTasks, List<PendingTimer> pendingTimers) {}

  /**
   * Refuses callers who may not see the process instance, then reads its open tasks and pending timers — in one
   * engine command, so the engine's per-command authorization set-up runs once. The visibility check reads the
   * instance's history row: an ended instance has neither tasks nor timers, so nothing more is asked. Candidate
   * groups come from the task mirror ({@code tasks}) in one query; a task it does not hold asks the engine.
   */
  public Live visibleLive(String processInstanceId) {
    return EngineContext.inCommand(engine, () -> {
      var visible = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).list();
      if (visible.isEmpty()) {
        throw new DomainException.NotAllowed("You may not read process instance " + processInstanceId);
      }
      if (visible.get(0).getEndTime() != null) {
        return new Live(List.of(), List.of());
      }
      return new Live(openTasks(processInstanceId), pendingTimers(processInstanceId));
    });
  }

  public List<OpenTask> openTasks(String processInstanceId) {
    var open = tasks.createTaskQuery().processInstanceId(processInstanceId).orderByTaskCreateTime().asc().list();
    if (open.isEmpty()) {
      return List.of();
    }
    record Mirrored(String taskId, String candidateGroups) {}
    Map<String, List<String>> mirrored = new HashMap<>();
    jdbc.sql("select task_id, candidate_groups from tasks where process_instance_id = :processInstanceId and "
        + "completed_at is null").param("processInstanceId", processInstanceId).query(Mirrored.class).list()
        .forEach(m -> mirrored.put(m.taskId(), m.candidateGroups() == null ? List.of()
            : List.of(m.candidateGroups().split(","))));
    return open.stream()
        .map(task -> new OpenTask(task.getId(), task.getName(), task.getTaskDefinitionKey(), task.getAssignee(),
            mirrored.containsKey(task.getId()) ? mirrored.get(task.getId())
                : tasks.getIdentityLinksForTask(task.getId()).stream()
                    .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                    .map(IdentityLink::getGroupId).toList(),
            at(task.getCreateTime()), at(task.getDueDate())))
        .toList();
  }

  public List<PendingTimer> pendingTimers(String processInstanceId) {
    return management.createJobQuery().processInstanceId(processInstanceId).timers().orderByJobDuedate().asc()
        .list().stream()
        .map(job -> new PendingTimer(job.getId(), EngineContext.timerActivityIdOf(job), at(job.getDuedate())))
        .toList();
  }

  private static OffsetDateTime at(Date date) {
    return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
  }
}
