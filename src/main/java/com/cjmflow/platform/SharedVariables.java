package com.cjmflow.platform;

/**
 * The process variables that more than one process and module share, declared once: the order a process is about
 * (order flow, holds, follow-ups; read by the stage tracker, the task mirror and the SLA policy), its customer, and
 * the facts the decision tables of several processes take (customer tier, seller country). Each process's own
 * variables are in its module's {@code process} package.
 */
public final class SharedVariables {

  public static final ProcessVariable<Long> ORDER_ID = ProcessVariable.longValue("orderId");
  public static final ProcessVariable<Long> CUSTOMER_ID = ProcessVariable.longValue("customerId");
  public static final ProcessVariable<String> CUSTOMER_TIER = ProcessVariable.stringValue("customerTier");
  public static final ProcessVariable<String> SELLER_COUNTRY = ProcessVariable.stringValue("sellerCountry");

  private SharedVariables() {}
}
