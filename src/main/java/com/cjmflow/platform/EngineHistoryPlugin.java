package com.cjmflow.platform;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * What of the engine's full history is written to its tables (README "Cost per order"). The history level stays
 * {@code full} — every event is still produced, so the CRM's own handlers (the manager activity log, the stage
 * migration history) see all of them — but three kinds of rows that say nothing the engine or the CRM does not
 * already keep are not inserted:
 * <ul>
 * <li>variable update details ({@code ACT_HI_DETAIL}): each variable's value stays in {@code ACT_HI_VARINST}, and
 * every value a person submits is in {@code manager_activity_events} with who and when;</li>
 * <li>form field details ({@code ACT_HI_DETAIL}, a copy of the submitted variables);</li>
 * <li>the creation and deletion entries of timer jobs ({@code ACT_HI_JOB_LOG}): every stage visit creates its SLA
 * timer and deletes it when the stage is left, mostly without it ever firing; its due date is on the stage
 * instance. What a timer did when it ran — success or failure — is still logged. These two events are not even
 * produced ({@link FullWithoutTimerBookkeeping}): building them reads the job definition and looks for a batch
 * by its configuration, two or three statements per stage visit for rows nobody writes.</li>
 * </ul>
 * Replaces the engine's default database handler (so {@code enableDefaultDbHistoryEventHandler} is off).
 */
@Component
class EngineHistoryPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomHistoryEventHandlers() == null) {
      configuration.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    configuration.getCustomHistoryEventHandlers().add(new WrittenHistory());
    if (configuration.getCustomHistoryLevels() == null) {
      configuration.setCustomHistoryLevels(new ArrayList<>());
    }
    // the engine takes the last level whose name matches the configured one: this one for "full"
    configuration.getCustomHistoryLevels().add(new FullWithoutTimerBookkeeping());
  }

  /**
   * The {@code full} history level (same id and name, so the database's recorded level and every "is history full"
   * check stay as they are), except that a timer job's creation and deletion produce no event.
   */
  static final class FullWithoutTimerBookkeeping extends HistoryLevelFull {

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
      return !((eventType == HistoryEventTypes.JOB_CREATE || eventType == HistoryEventTypes.JOB_DELETE)
          && entity instanceof JobEntity job && isTimer(job.getJobHandlerType()));
    }

    /** Equal to the engine's own {@code full} level, which the engine compares its configured level with. */
    @Override
    public boolean equals(Object other) {
      return other instanceof HistoryLevel level && level.getId() == getId() && level.getName().equals(getName());
    }

    @Override
    public int hashCode() {
      return getId();
    }
  }

  private static boolean isTimer(String jobType) {
    return jobType != null && jobType.startsWith("timer-");
  }

  /** The engine's database history handler without the rows listed above. */
  static class WrittenHistory extends DbHistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent event) {
      if (event instanceof HistoricFormPropertyEventEntity) {
        return;
      }
      super.handleEvent(event);
    }

    @Override
    protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
      return false;
    }
  }
}
