package com.cjmflow.sla;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SLA policy bean the BPMN refers to as {@code stageSla}, over the business calendars. */
@Configuration(proxyBeanMethods = false)
class SlaConfiguration {

  @Bean
  StageSla stageSla() {
    return new StageSla(SlaCalendar::wallClock);
  }
}
