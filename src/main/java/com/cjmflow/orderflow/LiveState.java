package com.cjmflow.orderflow;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.DomainException;


/** What an order's process is waiting for right now, read as the calling user (engine authorizations apply). */
@Component
public class LiveState {

  public record OpenTask(String id, String name, String activityId, String assignee, List<String> candidateGroups,
      OffsetDateTime created, OffsetDateTime due) {}

  public record PendingTimer(String jobId, String activityId, OffsetDateTime dueAt) {}

  private final TaskService tasks;
  private final ManagementService management;
  private final HistoryService history;
  private final JdbcTemplate jdbc;

  LiveState(TaskService tasks, ManagementService management, HistoryService history, JdbcTemplate jdbc) {
    this.tasks = tasks;
    this.management = management;
    this.history = history;
    this.jdbc = jdbc;
  }

  /** The process instance running the order. */
  public String processInstanceOf(long orderId) {
    return jdbc.queryForObject("select process_instance_id from orders where id = ?", String.class, orderId);
  }

  /** Refuses callers who may not see the process instance. */
  public void checkVisible(String processInstanceId) {
    if (history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0) {
      throw new DomainException.NotAllowed("You may not read process instance " + processInstanceId);
    }
  }

  public List<OpenTask> openTasks(String processInstanceId) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId).orderByTaskCreateTime().asc().list().stream()
        .map(task -> new OpenTask(task.getId(), task.getName(), task.getTaskDefinitionKey(), task.getAssignee(),
            tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList(),
            at(task.getCreateTime()), at(task.getDueDate())))
        .toList();
  }

  public List<PendingTimer> pendingTimers(String processInstanceId) {
    var jobs = management.createJobQuery().processInstanceId(processInstanceId).timers().orderByJobDuedate().asc()
        .list();
    if (jobs.isEmpty()) {
      return List.of();
    }
    Map<String, String> activities = management.createJobDefinitionQuery()
        .processDefinitionId(jobs.get(0).getProcessDefinitionId()).list().stream()
        .collect(Collectors.toMap(JobDefinition::getId, JobDefinition::getActivityId));
    return jobs.stream()
        .map(job -> new PendingTimer(job.getId(), activities.get(job.getJobDefinitionId()), at(job.getDuedate())))
        .toList();
  }

  private static OffsetDateTime at(Date date) {
    return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
  }
}
