package com.cjmflow.cases;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** What the case module publishes (Spring application events, in the engine transaction of the step). */
public final class CaseEvents {

  private CaseEvents() {}

  /** A case was opened on an order. */
  public record CaseOpened(long caseId, long orderId, String kind, BigDecimal amount, String currency,
      String origin, String openedBy, OffsetDateTime openedAt) {}

  /** A case ended: {@code status} resolved or rejected, with its decision and settlement. */
  public record CaseResolved(long caseId, long orderId, String kind, String status, String decision,
      String settlement, BigDecimal amount, String currency, String resolvedBy, OffsetDateTime resolvedAt) {}
}
