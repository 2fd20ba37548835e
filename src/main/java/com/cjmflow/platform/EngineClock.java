package com.cjmflow.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The one clock of the service: the engine's {@code ClockUtil}, so CRM rows, timers and due dates share one time and a
 * test that moves the engine clock moves all of them. Exposed as the {@link Clock} bean; static helpers for code the
 * engine calls (listeners, delegates) that is not a bean.
 */
public final class EngineClock extends Clock {

  private final ZoneId zone;

  public EngineClock() {
    this(ZoneOffset.UTC);
  }

  private EngineClock(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new EngineClock(zone);
  }

  @Override
  public Instant instant() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /** Now, in UTC: how the CRM tables store time. */
  public static OffsetDateTime now() {
    return at(ClockUtil.getCurrentTime());
  }

  public static OffsetDateTime at(Date date) {
    return date.toInstant().atOffset(ZoneOffset.UTC);
  }
}
