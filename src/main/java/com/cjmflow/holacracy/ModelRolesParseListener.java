package com.cjmflow.holacracy;

import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hears every parsed process: once the deployment (or the cache fill) commits, the roles its models name are
 * refreshed, so a role a new BPMN task names exists as soon as the model is deployed.
 */
class ModelRolesParseListener extends AbstractBpmnParseListener {

  private static final Object MARK = ModelRolesParseListener.class;

  private final Runnable refresh;

  ModelRolesParseListener(Runnable refresh) {
    this.refresh = refresh;
  }

  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()
        || TransactionSynchronizationManager.hasResource(MARK)) {
      return;
    }
    TransactionSynchronizationManager.bindResource(MARK, Boolean.TRUE);
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(MARK);
        if (status == STATUS_COMMITTED) {
          refresh.run();
        }
      }
    });
  }
}
