package com.cjmflow.ai;

import java.time.OffsetDateTime;
import java.util.List;

/** The data of the AI services' domain events (their schemas: {@code events/schemas/crm.ai.*.schema.json}). */
public final class AiEvents {

  private AiEvents() {}

  /** {@code crm.ai.requested}: who asked which service about what. */
  public record Requested(String requestId, String service, String channel, String actorId, Long orderId,
      Long customerId, String request, OffsetDateTime requestedAt) {}

  /** {@code crm.ai.response-logged}: what went in (facts, passages), what came out, who wrote it, how fast. */
  public record ResponseLogged(String requestId, String service, String generator, List<String> factsUsed,
      List<String> passages, String responseExcerpt, long latencyMs, OffsetDateTime loggedAt) {}

  /** {@code crm.ai.feedback-recorded}: the manager used or dismissed the answer. */
  public record FeedbackRecorded(String requestId, String service, String feedback, String actorId, String note,
      OffsetDateTime recordedAt) {}
}
