package com.cjmflow.tasklist;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Adds the stage's context to a task's form variables as they are read ({@code FormService.getTaskFormVariables},
 * REST {@code GET /task/{id}/form-variables}, what Tasklist reads to render a Camunda Form): {@code slaDue},
 * {@code slaClock} and {@code orderLink} are derived from the task's due date, the stage instance and the order id
 * when a form is opened, instead of being written as three task variables on every task and deleted at its
 * completion (twelve rows per task, issue #14). The values are added after the engine's command has checked that
 * the caller may read the task, inside the same command.
 */
@Component
class TaskFormContext extends AbstractProcessEnginePlugin {

  private final TaskContext context;

  TaskFormContext(@Lazy TaskContext context) {
    this.context = context;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new FormVariables());
  }

  /** Inside the command, after it: the task was found and its variables may be read. */
  private class FormVariables extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      T result = next.execute(command);
      if (command instanceof GetTaskFormVariablesCmd form && result instanceof VariableMap variables) {
        TaskEntity task = Context.getCommandContext().getTaskManager().findTaskById(form.resourceId);
        if (task != null) {
          context.formContext(task, variables, form.formVariableNames);
        }
      }
      return result;
    }
  }
}
