package com.cjmflow.followups;

/** The variables of {@code manager-followup} (and of any user task marked {@code followup=true}). */
final class FollowupVariables {

  static final String ORDER_ID = "orderId";
  static final String CUSTOMER_ID = "customerId";
  static final String SUBJECT = "subject";
  static final String DUE_AT = "dueAt";
  static final String FOLLOW_UP_AT = "followUpAt";
  static final String MANAGER_ID = "managerId";
  static final String CREATED_BY = "createdBy";
  static final String ORIGIN = "origin";
  static final String OUTCOME = "outcome";
  static final String CANDIDATE_GROUP = "candidateGroup";

  private FollowupVariables() {}
}
