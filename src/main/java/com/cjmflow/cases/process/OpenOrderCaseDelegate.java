package com.cjmflow.cases.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.cjmflow.cases.OrderCases;
import com.cjmflow.platform.EngineContext;

/**
 * The order flow's "Open refund case" after a cancellation with money received (cancelled, client declined, bike
 * returned): the refund arranged in the task before becomes a refund case of its own process.
 */
@Component("openOrderCase")
class OpenOrderCaseDelegate implements JavaDelegate {

  private final OrderCases cases;

  OpenOrderCaseDelegate(OrderCases cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long orderId = CaseVariables.id(execution, CaseVariables.ORDER_ID);
    String reason = CaseVariables.string(execution, "refundReason");
    String cancellation = CaseVariables.string(execution, "cancellationReason");
    cases.openFromProcess(execution.getProcessEngineServices().getRuntimeService(),
        new OrderCases.Opening(orderId, "refund", CaseVariables.money(execution, "refundAmountEur"), "EUR",
            "order_cancelled", reason != null ? reason : cancellation, CaseVariables.string(execution, "refundMethod"),
            "order_flow"),
        EngineContext.userId(execution.getProcessEngineServices()).orElse(null));
  }
}
