package com.cjmflow.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cjmflow.cases.process.CaseVariables;
import com.cjmflow.sla.SlaCalendar;
import com.cjmflow.sla.StageSla;

/** One test per path of order-case.bpmn, engine only; the CRM side effects are recording delegates. */
@Deployment(resources = {"processes/order-case.bpmn", "dmn/stage-sla.dmn"})
class OrderCaseProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine =
      ProcessEngineExtension.builder().configurationResource("camunda-test.cfg.xml").build();

  private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");
  private final List<String> steps = new ArrayList<>();
  private boolean approvalRequired;

  @BeforeEach
  void setUp(ProcessEngine processEngine) {
    BpmnAwareTests.init(processEngine);
    ClockUtil.setCurrentTime(Date.from(NOW));
    Mocks.register("stageSla", new StageSla(SlaCalendar::wallClock));
    Mocks.register("registerOrderCase", (JavaDelegate) execution -> {
      steps.add("register");
      execution.setVariable(CaseVariables.CASE_ID, 7L);
      execution.setVariable(CaseVariables.CUSTOMER_TIER, "standard");
    });
    Mocks.register("routeOrderCase", (JavaDelegate) execution -> {
      steps.add("route");
      execution.setVariable(CaseVariables.APPROVAL_REQUIRED, approvalRequired);
      execution.setVariable(CaseVariables.APPROVER_ROLE, "head-of-sales");
      execution.setVariable(CaseVariables.SETTLEMENT, "refund_payment");
    });
    Mocks.register("recordOrderCaseDecision", (JavaDelegate) execution -> {
      boolean approved = !approvalRequired || "approved".equals(execution.getVariable(CaseVariables.CASE_DECISION));
      steps.add(approvalRequired ? (approved ? "approved" : "rejected") : "auto_approved");
      execution.setVariable(CaseVariables.APPROVED, approved);
    });
    Mocks.register("recordOrderCaseSettlement", (JavaDelegate) execution -> steps.add("settled "
        + execution.getVariable(CaseVariables.SETTLEMENT_REFERENCE)));
    Mocks.register("recordOrderCaseRejectionSent", (JavaDelegate) execution -> steps.add("client informed "
        + execution.getVariable(CaseVariables.REJECTION_CHANNEL)));
    Mocks.register("closeOrderCase", (JavaDelegate) execution -> steps.add("closed"));
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    Mocks.reset();
    BpmnAwareTests.reset();
  }

  private ProcessInstance open(String kind, String amount) {
    return runtimeService().startProcessInstanceByKey(CaseVariables.PROCESS_KEY, "42", withVariables(
        CaseVariables.ORDER_ID, 42L, CaseVariables.CASE_KIND, kind, CaseVariables.AMOUNT_EUR, amount,
        CaseVariables.REQUESTED_BY, "olga", CaseVariables.REASON, "test"));
  }

  @Test
  void smallRefundIsApprovedAutomaticallyAndPaid() {
    approvalRequired = false;
    ProcessInstance c = open("refund", "20.00");

    assertThat(c).isWaitingAt(CaseVariables.TASK_SETTLE);
    assertThat(task(c)).hasCandidateGroup("sales-managers");
    complete(task(c), withVariables(CaseVariables.SETTLEMENT_REFERENCE, "BANK-1"));

    assertThat(c).isEnded().hasPassed("EndEvent_CaseResolved").hasNotPassed(CaseVariables.TASK_APPROVE);
    assertThat(steps).containsExactly("register", "route", "auto_approved", "settled BANK-1", "closed");
  }

  @Test
  void largeRefundWaitsForTheApproverRoleAndIsPaidWhenApproved() {
    approvalRequired = true;
    ProcessInstance c = open("refund", "900.00");

    assertThat(c).isWaitingAt(CaseVariables.TASK_APPROVE);
    assertThat(task(c)).hasCandidateGroup("head-of-sales");
    complete(task(c), withVariables(CaseVariables.CASE_DECISION, "approved", CaseVariables.DECISION_COMMENT, "ok"));
    assertThat(c).isWaitingAt(CaseVariables.TASK_SETTLE);
    complete(task(c), withVariables(CaseVariables.SETTLEMENT_REFERENCE, "BANK-2"));

    assertThat(c).isEnded().hasPassedInOrder(CaseVariables.TASK_APPROVE, CaseVariables.TASK_SETTLE,
        "Task_CloseCase", "EndEvent_CaseResolved");
    assertThat(steps).containsExactly("register", "route", "approved", "settled BANK-2", "closed");
  }

  @Test
  void rejectedCaseInformsTheClientAndEndsRejected() {
    approvalRequired = true;
    ProcessInstance c = open("compensation", "300.00");

    complete(task(c), withVariables(CaseVariables.CASE_DECISION, "rejected", CaseVariables.DECISION_COMMENT, "no"));

    assertThat(c).isWaitingAt(CaseVariables.TASK_INFORM_CLIENT);
    assertThat(task(c)).hasCandidateGroup("sales-managers");
    complete(task(c), withVariables(CaseVariables.REJECTION_CHANNEL, "phone", CaseVariables.REJECTION_MESSAGE, "x"));
    assertThat(c).isEnded().hasPassed("EndEvent_CaseRejected").hasNotPassed(CaseVariables.TASK_SETTLE);
    assertThat(steps).containsExactly("register", "route", "rejected", "client informed phone", "closed");
  }

  @Test
  void caseWithoutRequesterDataStillRoutes() {
    approvalRequired = false;
    ProcessInstance c = runtimeService().createProcessInstanceByKey(CaseVariables.PROCESS_KEY)
        
        .setVariables(withVariables(CaseVariables.ORDER_ID, 42L, CaseVariables.CASE_KIND, "delay",
            CaseVariables.AMOUNT_EUR, 10.0))
        .execute();

    assertThat(c).hasPassed("StartEvent_CaseOpened", "Task_RegisterCase", "Task_RouteCase")
        .isWaitingAt(CaseVariables.TASK_SETTLE);
  }

  @Test
  void approvalStepHasTheSlaLadderOfTheStageTable() {
    approvalRequired = true;
    ProcessInstance c = open("refund", "900.00");
    Date due = task(c).getDueDate();

    Job breach = timer(c, "BoundaryEvent_ApproveCaseSlaBreached");
    Job warning = timer(c, "BoundaryEvent_ApproveCaseSlaWarning");
    Job escalation = timer(c, "BoundaryEvent_ApproveCaseSlaEscalated");
    assertThat(warning.getDuedate()).isBefore(breach.getDuedate());
    assertThat(escalation.getDuedate()).isAfter(breach.getDuedate());

    execute(breach);
    assertThat(c).hasPassed("EndEvent_ApproveCaseSlaBreached").isWaitingAt(CaseVariables.TASK_APPROVE);
    execute(escalation);
    assertThat(c).hasPassed("EndEvent_ApproveCaseSlaEscalated").isWaitingAt(CaseVariables.TASK_APPROVE);
    assertThat(due == null || due.equals(breach.getDuedate())).isTrue();
  }

  private static Job timer(ProcessInstance c, String activityId) {
    return managementService().createJobQuery().processInstanceId(c.getId()).timers().list().stream()
        .filter(job -> activityId.equals(managementService().createJobDefinitionQuery()
            .jobDefinitionId(job.getJobDefinitionId()).singleResult().getActivityId()))
        .findFirst().orElseThrow(() -> new AssertionError("no timer at " + activityId + " " + Map.of()));
  }
}
