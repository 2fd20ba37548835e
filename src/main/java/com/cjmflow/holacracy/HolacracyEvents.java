package com.cjmflow.holacracy;

import java.time.OffsetDateTime;

/**
 * What changes in the holacracy layer, published in the transaction of the change (the events module turns them into
 * {@code crm.holacracy.*} CloudEvents).
 */
public final class HolacracyEvents {

  private HolacracyEvents() {}

  /** A tension was raised ({@code fromState} null) or moved from one state to another. */
  public record TensionMoved(long tensionId, Long orderId, String fromState, String toState, String actor,
      String note, OffsetDateTime at) {

    public boolean raised() {
      return fromState == null;
    }
  }

  /** Someone started to fill a role ({@code ended} false) or stopped filling it ({@code ended} true). */
  public record AssignmentChanged(long assignmentId, String roleKey, String userId, boolean ended,
      OffsetDateTime validFrom, OffsetDateTime validUntil, String actor, OffsetDateTime at) {}
}
