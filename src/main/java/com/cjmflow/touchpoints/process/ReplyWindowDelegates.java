package com.cjmflow.touchpoints.process;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Date;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.cjmflow.calendar.BusinessDue;
import com.cjmflow.platform.DecisionRows;
import com.cjmflow.platform.EngineClock;
import com.cjmflow.platform.EngineContext;
import com.cjmflow.sla.SlaCalendar;
import com.cjmflow.sla.StageSla;

/** The service tasks of {@code touchpoint-reply-window.bpmn}: glue between the process and {@link ReplyWindowSteps}. */
@Configuration(proxyBeanMethods = false)
class ReplyWindowDelegates {

  static final String DECISION = "touchpoint-response-sla";

  /**
   * "Open reply window": due = occurred at + the business time {@code dmn/touchpoint-response-sla.dmn} gives for the
   * channel and customer tier ({@code replyWithin} in its {@code calendar}).
   */
  @Bean
  JavaDelegate openReplyWindow(ReplyWindowSteps windows, StageSla sla) {
    return execution -> {
      long touchpointId = ReplyWindowVariables.TOUCHPOINT_ID.required(execution);
      DmnDecisionResultEntries window = DecisionRows.first(DECISION, execution.getVariables())
          .orElseThrow(() -> new ProcessEngineException("No row in " + DECISION + " for this touchpoint"));
      SlaCalendar calendar = sla.calendar(StageSla.calendarId(window.getEntry("calendar"), null));
      BusinessDue due = calendar.plus(windows.occurredAt(touchpointId).toInstant(),
          Duration.parse(window.getEntry("replyWithin")));
      windows.setDue(touchpointId, due.dueAt().atOffset(ZoneOffset.UTC));
      ReplyWindowVariables.REPLY_DUE_AT.set(execution, Date.from(due.dueAt()));
    };
  }

  /** "Mark reply window breached". */
  @Bean
  JavaDelegate markReplyWindowBreached(ReplyWindowSteps windows) {
    return execution -> EngineContext.withoutAuthorization(() -> {
      windows.markBreached(execution.getProcessEngineServices().getIdentityService(),
          ReplyWindowVariables.TOUCHPOINT_ID.required(execution), EngineClock.now());
    });
  }
}
