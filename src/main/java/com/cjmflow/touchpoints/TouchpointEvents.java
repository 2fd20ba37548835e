package com.cjmflow.touchpoints;

import java.time.OffsetDateTime;

/** What the touchpoints module publishes (Spring application events, in the transaction of the change). */
public final class TouchpointEvents {

  private TouchpointEvents() {}

  /** A contact was recorded for the first time (any source: API, interaction layer, ERP). */
  public record TouchpointRecorded(long touchpointId, long customerId, Long orderId, String channel,
      String direction, String managerId, String subject, OffsetDateTime occurredAt, String source) {}

  /** An outbound contact answered an inbound one: the reply was appended to its thread and its window closed. */
  public record ReplyAppended(long touchpointId, long replyTouchpointId, long customerId, Long orderId,
      OffsetDateTime respondedAt) {}
}
