package com.cjmflow.platform.security;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.springframework.stereotype.Component;

/**
 * A refused "execute job" is not a job failure. Camunda 7.24 checks the caller's right to execute a job inside the
 * job's failure handling, so every refused {@code POST /job/{id}/execute} cost the job one retry: any logged-in user
 * could drive an SLA timer to 0 retries (an incident; the timer never fires). Found by the role x operation test.
 */
@Component
class RefusedJobExecutionPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    FailedJobCommandFactory retries = configuration.getFailedJobCommandFactory() != null
        ? configuration.getFailedJobCommandFactory() : new DefaultFailedJobCommandFactory();
    configuration.setFailedJobCommandFactory((jobId, failure) -> failure instanceof AuthorizationException
        ? commandContext -> null
        : retries.getCommand(jobId, failure));
  }
}
