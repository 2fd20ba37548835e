package com.cjmflow.platform;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

/**
 * The timers of the boundary events attached to one activity of a process instance, changed inside the current
 * engine command. Hand-written on purpose: ManagementService's suspendJob/setJobDuedate would write user operation log
 * entries, which the activity module records as the manager's own actions.
 */
public final class BoundaryTimers {

  /** One timer: its due date, and the two changes a paused SLA clock needs. */
  public interface Timer {
    Date dueDate();

    void suspend();

    void activate(Date newDueDate);
  }

  private BoundaryTimers() {}

  public static List<Timer> attachedTo(String processInstanceId, String activityId) {
    CommandContext command = Context.getCommandContext();
    return command.getJobManager().findJobsByProcessInstanceId(processInstanceId).stream()
        .filter(TimerEntity.class::isInstance).map(TimerEntity.class::cast)
        .filter(timer -> {
          ActivityImpl boundary = command.getProcessEngineConfiguration().getDeploymentCache()
              .findDeployedProcessDefinitionById(timer.getProcessDefinitionId()).findActivity(timer.getActivityId());
          return boundary != null && boundary.getEventScope() != null
              && activityId.equals(boundary.getEventScope().getId());
        })
        .<Timer>map(timer -> new Timer() {
          @Override
          public Date dueDate() {
            return timer.getDuedate();
          }

          @Override
          public void suspend() {
            timer.setSuspensionState(SuspensionState.SUSPENDED.getStateCode());
          }

          @Override
          public void activate(Date newDueDate) {
            timer.setDuedate(newDueDate);
            timer.setSuspensionState(SuspensionState.ACTIVE.getStateCode());
          }
        })
        .toList();
  }
}
