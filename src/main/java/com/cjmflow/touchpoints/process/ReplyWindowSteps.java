package com.cjmflow.touchpoints.process;

import java.time.OffsetDateTime;

import org.camunda.bpm.engine.IdentityService;

/** What the reply-window process asks of the touchpoints module (implemented by its reply windows). */
public interface ReplyWindowSteps {

  /** When the inbound touchpoint happened: the window starts there. */
  OffsetDateTime occurredAt(long touchpointId);

  /** Called by the window process once it knows the window's length. */
  void setDue(long touchpointId, OffsetDateTime due);

  /** Called by the window's timer: the touchpoint was not answered in time. Its manager hears of it once. */
  void markBreached(IdentityService identity, long touchpointId, OffsetDateTime at);
}
