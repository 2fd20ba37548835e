package com.cjmflow.interactions;

import java.time.OffsetDateTime;
import java.util.List;

/** Published in the tagging transaction when an interaction got tags it did not have ({@code crm.interaction.tagged}). */
public record InteractionTagged(long touchpointId, long customerId, Long orderId, List<String> addedTags,
    List<String> tags, String taggedBy, OffsetDateTime taggedAt) {}
