package com.cjmflow.cases.process;

import static com.cjmflow.cases.process.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.cjmflow.cases.CaseRecords;
import com.cjmflow.platform.EngineContext;

/** "Close case": resolved (approved and settled) or rejected (the client informed), with the resolution. */
@Component("closeOrderCase")
class CloseOrderCaseDelegate implements JavaDelegate {

  private final CaseRecords records;

  CloseOrderCaseDelegate(CaseRecords records) {
    this.records = records;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean approved = flag(execution, APPROVED);
    String user = EngineContext.userId(execution.getProcessEngineServices()).orElse("system");
    String resolution = approved
        ? "settled by " + string(execution, SETTLEMENT) + " ref " + string(execution, SETTLEMENT_REFERENCE)
        : "rejected: " + string(execution, DECISION_COMMENT);
    records.close(id(execution, CASE_ID), approved ? CaseRecords.RESOLVED : CaseRecords.REJECTED, resolution, user);
  }
}
