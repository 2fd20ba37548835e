package com.cjmflow.activity;

import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

import com.cjmflow.platform.ActorKind;

/**
 * Turns the engine's user operation log (claims, assignments, completions, task field updates, variable changes,
 * message correlations — every operation an authenticated user makes) into {@code manager_activity_events}, in the
 * engine transaction. Endpoints do not have to remember to write activity.
 */
class OperationLogRecorder implements HistoryEventHandler {

  private final ManagerActivity activity;

  OperationLogRecorder(ManagerActivity activity) {
    this.activity = activity;
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (event instanceof UserOperationLogEntryEventEntity entry && entry.getUserId() != null
        && (entry.getTaskId() != null || entry.getProcessInstanceId() != null)) {
      activity.operation(entry.getUserId(), action(entry), entry.getTaskId(), entry.getProcessInstanceId(),
          entry.getProperty(), clip(entry.getOrgValue()), clip(entry.getNewValue()), TaskMirror.at(entry.getTimestamp()));
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  /** "Claim" → claim, "SetVariable" → set_variable, "Update" on a task → field_update. */
  static String action(UserOperationLogEntryEventEntity entry) {
    if ("Update".equals(entry.getOperationType())) {
      return "field_update";
    }
    return entry.getOperationType().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  private static String clip(String value) {
    return value == null || value.length() <= 2000 ? value : value.substring(0, 2000);
  }
}
