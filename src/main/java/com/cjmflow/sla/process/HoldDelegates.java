package com.cjmflow.sla.process;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.cjmflow.sla.SlaClock;

/** The service tasks of {@code processes/stage-hold.bpmn}: glue to {@link SlaClock}. */
@Configuration(proxyBeanMethods = false)
class HoldDelegates {

  @Bean
  JavaDelegate pauseSlaClock(SlaClock clock) {
    return execution -> clock.pause(execution.getProcessEngineServices(), HoldVariables.ORDER_ID.required(execution),
        HoldVariables.REASON.from(execution), HoldVariables.REQUESTED_BY.from(execution),
        execution.getProcessInstanceId());
  }

  @Bean
  JavaDelegate resumeSlaClock(SlaClock clock) {
    return execution -> clock.resume(execution.getProcessEngineServices(), HoldVariables.ORDER_ID.required(execution),
        HoldVariables.REQUESTED_BY.from(execution));
  }
}
