package com.cjmflow.cases.process;

import static com.cjmflow.cases.process.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.cjmflow.cases.CaseRecords;
import com.cjmflow.cases.CaseRouting;
import com.cjmflow.platform.EngineClock;

/** "Route case": {@code dmn/case-routing.dmn} decides approval, approver role, settlement and the case's SLA. */
@Component("routeOrderCase")
class RouteOrderCaseDelegate implements JavaDelegate {

  private final CaseRouting routing;
  private final CaseRecords records;

  RouteOrderCaseDelegate(CaseRouting routing, CaseRecords records) {
    this.routing = routing;
    this.records = records;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseRouting.Route route = routing.route(string(execution, CASE_KIND), money(execution, AMOUNT_EUR),
        string(execution, CUSTOMER_TIER), string(execution, REASON_CODE), string(execution, SELLER_COUNTRY),
        EngineClock.now().toInstant());
    records.routed(id(execution, CASE_ID), route.approvalRequired(), route.approverRole(), route.settlement(),
        route.dueAt(), route.calendarId(), route.clockOwner());
    execution.setVariable(APPROVAL_REQUIRED, route.approvalRequired());
    execution.setVariable(APPROVER_ROLE, route.approverRole());
    execution.setVariable(SETTLEMENT, route.settlement());
  }
}
