package com.cjmflow.activity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

import com.cjmflow.platform.CommandScoped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns the engine's user operation log (claims, assignments, completions, task field updates, variable changes,
 * message correlations — every operation an authenticated user makes) into {@code manager_activity_events}, in the
 * engine transaction. Endpoints do not have to remember to write activity. A completion carries what was submitted
 * with it (Tasklist's form values, the variables of a REST completion): {@code property = decision}, the values as a
 * JSON object in {@code after_value}; the engine sets them in the same command just before it logs the completion.
 */
class OperationLogRecorder implements HistoryEventHandler {

  static final String DECISION = "decision";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COMPLETE = "Complete";

  private final ManagerActivity activity;
  /** Per engine command and process instance: the variables set so far, waiting for a completion to claim them. */
  private final CommandScoped<String, Map<String, Object>> submitted = new CommandScoped<>();

  OperationLogRecorder(ManagerActivity activity) {
    this.activity = activity;
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (event instanceof HistoricVariableUpdateEventEntity update && update.getProcessInstanceId() != null
        && update.getVariableName() != null) {
      remember(update);
    } else if (event instanceof UserOperationLogEntryEventEntity entry && entry.getUserId() != null
        && (entry.getTaskId() != null || entry.getProcessInstanceId() != null)) {
      Map<String, Object> decision = COMPLETE.equals(entry.getOperationType())
          ? claimSubmitted(entry.getProcessInstanceId()) : Map.of();
      if (decision.isEmpty()) {
        activity.operation(entry.getUserId(), action(entry), entry.getTaskId(), entry.getProcessInstanceId(),
            entry.getProperty(), clip(entry.getOrgValue()), clip(entry.getNewValue()),
            TaskMirror.at(entry.getTimestamp()));
      } else {
        activity.operation(entry.getUserId(), action(entry), entry.getTaskId(), entry.getProcessInstanceId(),
            DECISION, null, clip(json(decision)), TaskMirror.at(entry.getTimestamp()));
      }
    }
  }

  private void remember(HistoricVariableUpdateEventEntity update) {
    Map<String, Map<String, Object>> ofCommand = submitted.current();
    if (ofCommand != null) {
      ofCommand.computeIfAbsent(update.getProcessInstanceId(), p -> new LinkedHashMap<>())
          .put(update.getVariableName(), value(update));
    }
  }

  /** The variables this command set on the process instance before its completion; they are the completion's. */
  private Map<String, Object> claimSubmitted(String processInstanceId) {
    Map<String, Object> values = processInstanceId == null ? null : submitted.take(processInstanceId);
    return values == null ? Map.of() : values;
  }

  /** A plain value as the variable's serializer stored it; files, bytes and objects only by their type. */
  private static Object value(HistoricVariableUpdateEventEntity update) {
    String type = update.getSerializerName() == null ? "null" : update.getSerializerName();
    return switch (type) {
      case "null" -> null;
      case "boolean" -> update.getLongValue() == null ? null : update.getLongValue() != 0;
      case "integer", "long", "short" -> update.getLongValue();
      case "double" -> update.getDoubleValue();
      case "date" -> update.getLongValue() == null ? null : Instant.ofEpochMilli(update.getLongValue()).toString();
      case "string" -> update.getTextValue();
      default -> "(" + type + ")";
    };
  }

  private static String json(Map<String, Object> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
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
