package com.cjmflow.cases.process;

import static com.cjmflow.cases.process.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.cjmflow.cases.CaseRecords;
import com.cjmflow.cases.FourEyesRefused;
import com.cjmflow.platform.EngineContext;

/**
 * "Record case decision": auto-approved below the routing threshold, else the approver's decision (who completed
 * the approval); the request moves to approved or rejected. Four eyes are checked again here.
 */
@Component("recordOrderCaseDecision")
class RecordOrderCaseDecisionDelegate implements JavaDelegate {

  private final CaseRecords records;

  RecordOrderCaseDecisionDelegate(CaseRecords records) {
    this.records = records;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long caseId = id(execution, CASE_ID);
    if (!flag(execution, APPROVAL_REQUIRED)) {
      records.decided(caseId, "auto_approved", "system", "below the approval threshold of the routing table");
      execution.setVariable(APPROVED, true);
      return;
    }
    String user = EngineContext.userId(execution.getProcessEngineServices()).orElse(null);
    if (user != null && user.equals(string(execution, REQUESTED_BY))) {
      throw new FourEyesRefused(caseId, user);
    }
    boolean approved = "approved".equals(string(execution, CASE_DECISION));
    records.decided(caseId, approved ? "approved" : CaseRecords.REJECTED, user, string(execution, DECISION_COMMENT));
    execution.setVariable(APPROVED, approved);
  }
}
