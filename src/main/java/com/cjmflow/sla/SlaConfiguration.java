package com.cjmflow.sla;

import java.time.Duration;
import java.time.Instant;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.cjmflow.calendar.BusinessCalendar;
import com.cjmflow.calendar.BusinessCalendars;
import com.cjmflow.calendar.BusinessDue;
import com.cjmflow.calendar.UnknownCalendar;

/** The SLA policy bean the BPMN refers to as {@code stageSla}, over the business calendars. */
@Configuration(proxyBeanMethods = false)
class SlaConfiguration {

  @Bean
  StageSla stageSla(BusinessCalendars calendars) {
    return new StageSla(id -> {
      try {
        return new CalendarTime(calendars.get(id));
      } catch (UnknownCalendar unknownCalendar) {
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
    public BusinessDue plus(Instant start, Duration budget) {
      return calendar.plus(start, budget);
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
