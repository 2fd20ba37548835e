package com.cjmflow.ai.retrieval;

import java.time.OffsetDateTime;

/**
 * A piece of text retrieval can find: a touchpoint, an interaction, a case note, an order's journey, a follow-up or a
 * section of the knowledge base. {@code owner} is what it is re-indexed with ({@code orders/<id>},
 * {@code customers/<id>}, {@code knowledge}).
 */
public record Passage(String id, String source, String owner, Long orderId, Long customerId, String title,
    String text, OffsetDateTime occurredAt) {

  public static final String TOUCHPOINT = "touchpoint";
  public static final String INTERACTION = "interaction";
  public static final String CASE = "case";
  public static final String JOURNEY = "journey";
  public static final String FOLLOWUP = "followup";
  public static final String KNOWLEDGE = "knowledge";

  /** What the full-text and the embedding index see. */
  public String content() {
    return title == null || title.isBlank() ? text : title + ". " + text;
  }
}
