package com.cjmflow.orderflow.process;

import static com.cjmflow.orderflow.process.OrderFlowVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.cjmflow.orderflow.OrderRegistration;
import com.cjmflow.platform.EngineContext;

/** "Record refund request": the refund arranged in the task before becomes a {@code refund_requests} row. */
@Component("recordRefundRequest")
class RecordRefundRequestDelegate implements JavaDelegate {

  private final OrderRegistration registration;

  RecordRefundRequestDelegate(OrderRegistration registration) {
    this.registration = registration;
  }

  @Override
  public void execute(DelegateExecution execution) {
    registration.requestRefund(orderId(execution), money(execution, REFUND_AMOUNT_EUR),
        string(execution, REFUND_METHOD), string(execution, REFUND_REASON), 
        EngineContext.userId(execution.getProcessEngineServices()).orElse(null));
  }
}
