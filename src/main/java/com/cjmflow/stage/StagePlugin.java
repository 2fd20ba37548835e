package com.cjmflow.stage;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Installs the stage parse listener, so every deployed model is tracked by its {@code stage} properties, and the
 * history handler that carries the trail across process instance migrations.
 */
@Component
class StagePlugin extends AbstractProcessEnginePlugin {

  private final StageTracker tracker;
  private final ObjectProvider<TaskEvents> taskEvents;
  private volatile List<TaskEvents> ordered;

  StagePlugin(StageTracker tracker, ObjectProvider<TaskEvents> taskEvents) {
    this.tracker = tracker;
    this.taskEvents = taskEvents;
  }

  /** Resolved on first use: the handlers' beans are created after the engine they listen to. */
  private List<TaskEvents> taskEvents() {
    if (ordered == null) {
      ordered = taskEvents.orderedStream().toList();
    }
    return ordered;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new StageParseListener(tracker, this::taskEvents));
    if (configuration.getCustomHistoryEventHandlers() == null) {
      configuration.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    configuration.getCustomHistoryEventHandlers().add(new StageMigrationHistory(tracker));
  }
}
