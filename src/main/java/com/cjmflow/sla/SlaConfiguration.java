package com.cjmflow.sla;

import java.time.Duration;
import java.time.Instant;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.ErrorResponseException;

import com.cjmflow.sla.calendar.BusinessCalendar;
import com.cjmflow.sla.calendar.BusinessCalendars;

/** The SLA policy bean the BPMN refers to as {@code stageSla}, over the business calendars. */
@Configuration(proxyBeanMethods = false)
class SlaConfiguration {

  @Bean
  StageSla stageSla(BusinessCalendars calendars) {
    return new StageSla(id -> {
      try {
        return new CalendarTime(calendars.get(id));
      } catch (ErrorResponseException unknownCalendar) {
        return SlaCalendar.wallClock(id + " (no such calendar: wall-clock time)");
      }
    });
  }

  /** A business calendar as the SLA policy uses it. */
  private record CalendarTime(BusinessCalendar calendar) implements SlaCalendar {
    @Override
    public String id() {
      return calendar.id();
    }

    @Override
    public Due plus(Instant start, Duration budget) {
      var due = calendar.plus(start, budget);
      return new Due(due.dueAt(), due.explanation());
    }

    @Override
    public Instant dueAt(Instant start, Duration budget) {
      return calendar.dueAt(start, budget);
    }

    @Override
    public Duration between(Instant from, Instant to) {
      return calendar.between(from, to);
    }
  }
}
