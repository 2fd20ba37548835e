package com.cjmflow.touchpoints;

/** The variables of {@code touchpoint-reply-window}. */
final class ReplyWindowVariables {

  static final String TOUCHPOINT_ID = "touchpointId";
  static final String CHANNEL = "channel";
  static final String CUSTOMER_TIER = "customerTier";
  static final String REPLY_DUE_AT = "replyDueAt";

  private ReplyWindowVariables() {}
}
