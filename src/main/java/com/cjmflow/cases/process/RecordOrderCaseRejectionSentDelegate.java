package com.cjmflow.cases.process;

import static com.cjmflow.cases.process.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.cjmflow.cases.CaseRecords;
import com.cjmflow.platform.EngineClock;
import com.cjmflow.platform.EngineContext;
import com.cjmflow.touchpoints.Touchpoints;

/** "Record rejection sent to client": the rejection reached the client as an outbound touchpoint (once per case). */
@Component("recordOrderCaseRejectionSent")
class RecordOrderCaseRejectionSentDelegate implements JavaDelegate {

  private final CaseRecords records;
  private final Touchpoints touchpoints;

  RecordOrderCaseRejectionSentDelegate(CaseRecords records, Touchpoints touchpoints) {
    this.records = records;
    this.touchpoints = touchpoints;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long orderId = id(execution, ORDER_ID);
    long caseId = id(execution, CASE_ID);
    CaseRecords.OrderFacts order = records.order(orderId).orElseThrow();
    String user = EngineContext.userId(execution.getProcessEngineServices()).orElse(null);
    touchpoints.record(new Touchpoints.NewTouchpoint(order.customerId(), orderId,
        string(execution, REJECTION_CHANNEL), Touchpoints.OUTBOUND, user, "Case " + caseId + " rejected",
        string(execution, REJECTION_MESSAGE), EngineClock.now(), "order-case-" + caseId + "-rejection", "process"));
  }
}
