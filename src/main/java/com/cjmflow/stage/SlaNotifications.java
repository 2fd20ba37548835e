package com.cjmflow.stage;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Who hears of an SLA event, implemented by the SLA module; called in the engine transaction. */
public interface SlaNotifications {

  void notify(DelegateExecution execution, long orderId, SlaEvent event);
}
