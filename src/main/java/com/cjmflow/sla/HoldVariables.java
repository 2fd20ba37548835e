package com.cjmflow.sla;

/** The variables of {@code stage-hold}. */
final class HoldVariables {

  static final String ORDER_ID = "orderId";
  static final String REASON = "reason";
  static final String REQUESTED_BY = "requestedBy";
  static final String RESUMED_BY = "resumedBy";

  private HoldVariables() {}
}
