package com.cjmflow.cases.process;

import static com.cjmflow.cases.process.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.cjmflow.cases.CaseRecords;
import com.cjmflow.cases.OrderCases;
import com.cjmflow.orderflow.OrderNotFound;
import com.cjmflow.platform.DomainException;

/**
 * "Register case": the case row (and its refund or compensation request) for a case opened by the API, the order
 * flow or a manager in Tasklist; the order's facts the routing and the SLA need become variables.
 */
@Component("registerOrderCase")
class RegisterOrderCaseDelegate implements JavaDelegate {

  private final CaseRecords records;

  RegisterOrderCaseDelegate(CaseRecords records) {
    this.records = records;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long orderId = id(execution, ORDER_ID);
    if (orderId == null) {
      throw new DomainException.RuleViolation("A case needs the order it is about (orderId)");
    }
    String kind = string(execution, CASE_KIND);
    if (kind == null || !OrderCases.KINDS.contains(kind)) {
      throw new DomainException.RuleViolation("Case kind must be one of " + OrderCases.KINDS);
    }
    var amount = money(execution, AMOUNT_EUR);
    if (amount != null && amount.signum() < 0) {
      throw new DomainException.RuleViolation("A case amount cannot be negative");
    }
    CaseRecords.OrderFacts order = records.order(orderId).orElseThrow(() -> new OrderNotFound(orderId));
    String currency = string(execution, CURRENCY) == null ? "EUR" : string(execution, CURRENCY);
    String origin = string(execution, ORIGIN) == null ? "tasklist" : string(execution, ORIGIN);
    long caseId = records.register(new CaseRecords.NewCase(orderId, kind, amount, currency,
        string(execution, REASON_CODE), string(execution, REASON), string(execution, REFUND_METHOD), origin,
        string(execution, REQUESTED_BY), execution.getProcessInstanceId(), id(execution, SOURCE_TOUCHPOINT_ID)),
        order);
    execution.setVariable(ORDER_ID, orderId);
    execution.setVariable(CASE_ID, caseId);
    execution.setVariable(CURRENCY, currency);
    execution.setVariable(CUSTOMER_TIER, order.customerTier());
    execution.setVariable(SELLER_COUNTRY, order.sellerCountry());
  }
}
