package com.cjmflow.stage;

import java.util.List;

import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * Keeps the journey trail on a process instance migration, which runs no listeners: the open stage instance follows
 * its activity instance to the target activity (its entry time and SLA stay), and the order's journey names both
 * versions. Runs inside the migration's command, so a batch job on any node writes it in the same transaction.
 */
class StageMigrationHistory implements HistoryEventHandler {

  private final StageTracker tracker;

  StageMigrationHistory(StageTracker tracker) {
    this.tracker = tracker;
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (!HistoryEventTypes.PROCESS_INSTANCE_MIGRATE.getEventName().equals(event.getEventType())
        && !HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE.getEventName().equals(event.getEventType())) {
      return;
    }
    if (event instanceof HistoricActivityInstanceEventEntity activity) {
      tracker.activityMigrated(activity.getProcessInstanceId(), activity.getActivityInstanceId(), activity.getActivityId());
    } else if (event instanceof HistoricProcessInstanceEventEntity process) {
      tracker.processMigrated(process.getProcessInstanceId(), process.getProcessDefinitionId());
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }
}
