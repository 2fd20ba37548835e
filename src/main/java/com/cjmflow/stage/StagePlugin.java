package com.cjmflow.stage;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Installs the stage parse listener, so every deployed model is tracked by its {@code stage} properties. */
@Component
class StagePlugin extends AbstractProcessEnginePlugin {

  private final StageTracker tracker;

  StagePlugin(StageTracker tracker) {
    this.tracker = tracker;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new StageParseListener(tracker));
  }
}
