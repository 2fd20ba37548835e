package com.cjmflow.cases.process;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.camunda.bpm.engine.delegate.VariableScope;

/** The variables of {@code order-case}: names in one place, typed reads. */
public final class CaseVariables {

  public static final String PROCESS_KEY = "order-case";
  public static final String TASK_APPROVE = "Task_ApproveCase";
  public static final String TASK_SETTLE = "Task_SettleCase";
  public static final String TASK_INFORM_CLIENT = "Task_InformClientOfRejection";

  public static final String ORDER_ID = "orderId";
  public static final String CASE_ID = "caseId";
  public static final String CASE_KIND = "caseKind";
  public static final String AMOUNT_EUR = "amountEur";
  public static final String CURRENCY = "currency";
  public static final String REASON_CODE = "reasonCode";
  public static final String REASON = "reason";
  public static final String REFUND_METHOD = "refundMethod";
  public static final String ORIGIN = "origin";
  public static final String REQUESTED_BY = "requestedBy";
  /** The complaint (touchpoint id) the case answers. */
  public static final String SOURCE_TOUCHPOINT_ID = "sourceTouchpointId";
  public static final String CUSTOMER_TIER = "customerTier";
  public static final String SELLER_COUNTRY = "sellerCountry";
  public static final String APPROVAL_REQUIRED = "approvalRequired";
  public static final String APPROVER_ROLE = "approverRole";
  public static final String SETTLEMENT = "settlement";
  public static final String CASE_DECISION = "caseDecision";
  public static final String APPROVED = "approved";
  public static final String DECISION_COMMENT = "decisionComment";
  public static final String SETTLEMENT_REFERENCE = "settlementReference";
  public static final String SETTLEMENT_CURRENCY = "settlementCurrency";
  public static final String REJECTION_CHANNEL = "rejectionChannel";
  public static final String REJECTION_MESSAGE = "rejectionMessage";

  private CaseVariables() {}

  public static Long id(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value instanceof Number number) {
      return number.longValue();
    }
    return value == null || value.toString().isBlank() ? null : Long.valueOf(value.toString().trim());
  }

  public static String string(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  public static boolean flag(VariableScope scope, String name) {
    return Boolean.TRUE.equals(scope.getVariable(name));
  }

  /** Numbers arrive from forms as Long, Double or String; money is kept exact. */
  public static BigDecimal money(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null || value.toString().isBlank() ? null
        : new BigDecimal(value.toString()).setScale(2, RoundingMode.HALF_UP);
  }
}
