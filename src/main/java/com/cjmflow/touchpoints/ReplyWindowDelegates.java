package com.cjmflow.touchpoints;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks of {@code touchpoint-reply-window.bpmn}: glue between the process and {@link ReplyWindows}. */
@Configuration(proxyBeanMethods = false)
class ReplyWindowDelegates {

  /** "Open reply window": due = occurred at + the duration the decision table gave ({@code replyWithin}). */
  @Bean
  JavaDelegate openReplyWindow(ReplyWindows windows) {
    return execution -> {
      long touchpointId = ((Number) execution.getVariable(ReplyWindows.TOUCHPOINT_ID)).longValue();
      Duration within = Duration.parse((String) execution.getVariable("replyWithin"));
      OffsetDateTime due = windows.occurredAt(touchpointId).plus(within);
      windows.setDue(touchpointId, due);
      execution.setVariable("replyDueAt", Date.from(due.toInstant()));
    };
  }

  /** "Mark reply window breached". */
  @Bean
  JavaDelegate markReplyWindowBreached(ReplyWindows windows) {
    return execution -> windows.markBreached(((Number) execution.getVariable(ReplyWindows.TOUCHPOINT_ID)).longValue(),
        ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC));
  }
}
