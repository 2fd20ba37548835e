package com.cjmflow.holacracy;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Installs the parse listener that keeps the roles of the deployed models current. */
@Component
class HolacracyPlugin extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(HolacracyPlugin.class);

  private final ObjectProvider<ModelRoles> modelRoles;
  private volatile boolean ready;

  HolacracyPlugin(ObjectProvider<ModelRoles> modelRoles) {
    this.modelRoles = modelRoles;
  }

  /** From now on a deployment refreshes the roles at once. */
  void ready() {
    ready = true;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new ModelRolesParseListener(() -> {
      if (!ready) {
        return; // the start-up deployment: the watch refreshes once the identity set-up is in place
      }
      try {
        ModelRoles roles = modelRoles.getIfAvailable();
        if (roles != null) {
          roles.refresh();
        }
      } catch (RuntimeException e) {
        LOG.warn("The roles of the deployed models were not refreshed (the watch retries): {}", e.toString());
      }
    }));
  }
}
