package com.cjmflow.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;

/** A CloudEvent that arrived from the ERP, the shop or another system (already checked for its required attributes). */
public record InboundEvent(String id, String source, String type, String subject, OffsetDateTime time,
    JsonNode data) {

  /** When it happened: the event's time, else (the attribute is optional) now. */
  public OffsetDateTime occurredAt() {
    return time != null ? time : OffsetDateTime.now(ZoneOffset.UTC);
  }
}
