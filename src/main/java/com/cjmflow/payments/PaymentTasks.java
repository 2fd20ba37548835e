package com.cjmflow.payments;

import java.math.BigDecimal;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.EngineClock;
import com.cjmflow.platform.EngineContext;
import com.cjmflow.stage.TaskEvents;

/**
 * One truth for Tasklist and the API: a user task with {@code records=payment} (and {@code paymentKind},
 * {@code amountVariable}, {@code referenceVariable}) writes the {@code payments} row its form confirms, as the
 * payments API does, when it is completed. The completion itself moves the flow, so no message is sent; the same
 * (order, kind, reference) recorded before by the API is not written twice.
 */
@Component
@Order(30)
class PaymentTasks implements TaskEvents {

  private final Payments payments;

  PaymentTasks(Payments payments) {
    this.payments = payments;
  }

  @Override
  public void completed(DelegateTask task, Map<String, String> properties) {
    if (!"payment".equals(properties.get("records")) || !(task.getVariable("orderId") instanceof Number orderId)) {
      return;
    }
    Object amount = task.getVariable(properties.get("amountVariable"));
    Object reference = task.getVariable(properties.get("referenceVariable"));
    if (amount == null || reference == null || reference.toString().isBlank()) {
      return;
    }
    payments.recordConfirmed(new Payments.NewPayment(orderId.longValue(), properties.get("paymentKind"),
        new BigDecimal(amount.toString()), "EUR", EngineClock.now(), reference.toString().trim(),
        EngineContext.userId(task.getProcessEngineServices()).orElse(task.getAssignee())));
  }
}
