package com.cjmflow.sla;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks of {@code processes/stage-hold.bpmn}: glue to {@link SlaClock}. */
@Configuration(proxyBeanMethods = false)
class HoldDelegates {

  @Bean
  JavaDelegate pauseSlaClock(SlaClock clock) {
    return execution -> clock.pause(execution.getProcessEngineServices(), orderId(execution),
        (String) execution.getVariable(HoldVariables.REASON),
        (String) execution.getVariable(HoldVariables.REQUESTED_BY),
        execution.getProcessInstanceId());
  }

  @Bean
  JavaDelegate resumeSlaClock(SlaClock clock) {
    return execution -> clock.resume(execution.getProcessEngineServices(), orderId(execution),
        (String) execution.getVariable(HoldVariables.REQUESTED_BY));
  }

  private static long orderId(DelegateExecution execution) {
    return ((Number) execution.getVariable(HoldVariables.ORDER_ID)).longValue();
  }
}
