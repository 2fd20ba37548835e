package com.cjmflow.activity;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Adds the operation-log recorder next to the engine's own database history handler. */
@Component
class ActivityPlugin extends AbstractProcessEnginePlugin {

  private final ManagerActivity activity;

  ActivityPlugin(ManagerActivity activity) {
    this.activity = activity;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomHistoryEventHandlers() == null) {
      configuration.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    configuration.getCustomHistoryEventHandlers().add(new OperationLogRecorder(activity));
  }
}
