package com.cjmflow.platform;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
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
 * instance. What a timer did when it ran — success or failure — is still logged.</li>
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
  }

  /** The engine's database history handler without the rows listed above. */
  static class WrittenHistory extends DbHistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent event) {
      if (event instanceof HistoricFormPropertyEventEntity || isTimerCreatedOrDeleted(event)) {
        return;
      }
      super.handleEvent(event);
    }

    @Override
    protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
      return false;
    }

    private static boolean isTimerCreatedOrDeleted(HistoryEvent event) {
      return event instanceof HistoricJobLogEvent log && (log.isCreationLog() || log.isDeletionLog())
          && log.getJobDefinitionType() != null && log.getJobDefinitionType().startsWith("timer-");
    }
  }
}
