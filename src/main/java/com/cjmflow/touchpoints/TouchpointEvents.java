package com.cjmflow.touchpoints;

import java.time.OffsetDateTime;

/** What the touchpoints module publishes (Spring application events, in the transaction of the change). */
public final class TouchpointEvents {

  private TouchpointEvents() {}

  /** A contact was recorded for the first time (any source: API, interaction layer, ERP). */
  public record TouchpointRecorded(long touchpointId, long customerId, Long orderId, String channel,
      String direction, String managerId, String subject, OffsetDateTime occurredAt, String source) {}

  /**
   * An inbound contact marked as a complaint was recorded for the first time: {@code kind} is the case it asks for.
   * Published in the recording transaction; a listener that refuses it (a rule violation) refuses the contact.
   */
  public record ComplaintReceived(long touchpointId, long customerId, Long orderId, String kind, String subject,
      String summary, OffsetDateTime occurredAt) {}

  /** An outbound contact answered an inbound one: the reply was appended to its thread and its window closed. */
  public record ReplyAppended(long touchpointId, long replyTouchpointId, long customerId, Long orderId,
      OffsetDateTime respondedAt) {}
}
