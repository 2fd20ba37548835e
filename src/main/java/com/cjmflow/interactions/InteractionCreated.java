package com.cjmflow.interactions;

/**
 * Published (as a Spring application event, inside the recording transaction) when an interaction was stored for
 * the first time; it stands in for the event bus topic {@code crm.interaction.created} of seed 004 §2. Listeners
 * that cause side effects should use {@code @TransactionalEventListener} so they run only after commit.
 */
public record InteractionCreated(long touchpointId, long customerId, Long orderId, String channel,
    String direction) {}
