package com.cjmflow.activity;

import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.jdbc.core.JdbcTemplate;

import com.cjmflow.platform.ActorKind;

/**
 * Turns the engine's user operation log (claims, assignments, completions, task field updates, variable changes,
 * message correlations — every operation an authenticated user makes) into {@code manager_activity_events}, in the
 * engine transaction. Endpoints do not have to remember to write activity.
 */
class OperationLogRecorder implements HistoryEventHandler {

  private final JdbcTemplate jdbc;

  OperationLogRecorder(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (event instanceof UserOperationLogEntryEventEntity entry && entry.getUserId() != null
        && (entry.getTaskId() != null || entry.getProcessInstanceId() != null)) {
      jdbc.update("""
          insert into manager_activity_events (manager_id, actor_kind, action, order_id, customer_id, task_id,
            property, before_value, after_value, source, occurred_at)
          select ?, %s, ?, o.id, o.customer_id, ?, ?, ?, ?, 'operation_log', ?
            from (select coalesce((select id from orders where process_instance_id = ?),
                                  (select order_id from tasks where task_id = ?)) as order_id) r
            left join orders o on o.id = r.order_id""".formatted(ActorKind.SQL),
          entry.getUserId(), entry.getUserId(), action(entry), entry.getTaskId(), entry.getProperty(), clip(entry.getOrgValue()),
          clip(entry.getNewValue()), TaskMirror.at(entry.getTimestamp()), entry.getProcessInstanceId(),
          entry.getTaskId());
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
