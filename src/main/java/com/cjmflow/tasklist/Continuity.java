package com.cjmflow.tasklist;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.CommandScoped;
import com.cjmflow.platform.EngineContext;
import com.cjmflow.stage.TaskEvents;

/**
 * Continuity (README "Tasklist"): a new role task of an order goes to the person who completed the order's previous
 * task, when {@link RoleAvailability} says they can still take it (a member of one of the task's candidate groups),
 * so one manager does not claim ten times for one order. The task stays visible to the whole role.
 */
@Component
@Order(20)
class Continuity implements TaskEvents {

  private final RoleAvailability availability;
  private final boolean enabled;
  /** Who completed a task of the process instance in this command. */
  private final CommandScoped<String, String> justCompleted = new CommandScoped<>();

  Continuity(RoleAvailability availability, @Value("${cjm.tasklist.continuity:true}") boolean enabled) {
    this.availability = availability;
    this.enabled = enabled;
  }

  @Override
  public void created(DelegateTask task, Map<String, String> properties) {
    if (!enabled || task.getAssignee() != null || task.getProcessInstanceId() == null) {
      return;
    }
    List<String> groups = task.getCandidates().stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId).toList();
    if (groups.isEmpty()) {
      return;
    }
    String previous = justCompleted.take(task.getProcessInstanceId());
    if (previous == null && !EngineContext.startedInThisCommand(task.getProcessInstanceId())) {
      List<HistoricTaskInstance> history = task.getProcessEngineServices().getHistoryService()
          .createHistoricTaskInstanceQuery().processInstanceId(task.getProcessInstanceId()).finished()
          .taskAssigned().orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1);
      previous = history.isEmpty() ? null : history.get(0).getAssignee();
    }
    if (previous != null && availability.canTake(previous, groups)) {
      task.setAssignee(previous);
    }
  }

  /**
   * Who completed a task: the next task is usually created in the same engine command, before the history of this
   * one is written, so it is handed over within the command (the history answers after an asynchronous
   * continuation).
   */
  @Override
  public void completed(DelegateTask task, Map<String, String> properties) {
    String worker = task.getAssignee() != null ? task.getAssignee()
        : EngineContext.userId(task.getProcessEngineServices()).orElse(null);
    if (worker != null && task.getProcessInstanceId() != null) {
      justCompleted.put(task.getProcessInstanceId(), worker);
    }
  }
}
