package com.cjmflow.ai;

import java.time.OffsetDateTime;

/**
 * An agent called a tool of the MCP server (published in the tool call's transaction, so the activity log records it
 * with the call): who, which tool, about which order or customer, with what arguments and outcome.
 */
public record AiToolCalled(String actorId, String tool, Long orderId, Long customerId, String arguments,
    String outcome, OffsetDateTime calledAt) {}
