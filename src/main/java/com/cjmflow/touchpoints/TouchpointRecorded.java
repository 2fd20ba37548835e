package com.cjmflow.touchpoints;

import java.time.OffsetDateTime;

/** A new touchpoint was stored (published in its transaction; listeners run in it). */
public record TouchpointRecorded(long touchpointId, long customerId, Long orderId, String channel, String direction,
    String managerId, String subject, OffsetDateTime occurredAt) {}
