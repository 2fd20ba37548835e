package com.cjmflow.sla;

import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.DecisionEvaluationUtil;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The stage SLA policy: {@code dmn/stage-sla.dmn} evaluated with the stage and the order's facts (its process
 * variables). Referenced from the BPMN as {@code ${stageSla.dueAt(execution)}} on every SLA timer, and used by the
 * stage tracker for the stage instance and the task due date, so all three agree.
 */
@Component("stageSla")
public class StageSla {

  public static final String DECISION_KEY = "stage-sla";
  private static final String VISIT = "slaVisit";
  private static final String STARTED_AT = "slaStartedAt";
  private static final String DUE_AT = "slaDueAt";
  private static final String OWNER = "slaClockOwner";

  /** The SLA of one stage: its duration and whose clock runs. */
  public record Sla(Duration duration, String clockOwner) {}

  /** A stage visit's SLA: when its clock started, when it is due and whose clock runs. */
  public record Due(Date startedAt, Date dueAt, String clockOwner) {}

  /** The due date of the stage the execution is in, for the SLA timers. Needs a command context. */
  public Date dueAt(DelegateExecution execution) {
    String stage = ModelStage.of(execution)
        .orElseThrow(() -> new ProcessEngineException("No 'stage' property on " + execution.getCurrentActivityId()));
    return due(execution, stage)
        .orElseThrow(() -> new ProcessEngineException("No row in " + DECISION_KEY + " for stage " + stage))
        .dueAt();
  }

  /**
   * The SLA of the stage visit the execution is in, computed once per visit (activity instance) so the timer, the
   * task due date and the stage instance agree to the millisecond. Empty when the table has no row for the stage.
   */
  public Optional<Due> due(DelegateExecution execution, String stage) {
    String visit = execution.getActivityInstanceId();
    if (visit != null && visit.equals(execution.getVariableLocal(VISIT))) {
      Date dueAt = (Date) execution.getVariableLocal(DUE_AT);
      return dueAt == null ? Optional.empty() : Optional.of(new Due((Date) execution.getVariableLocal(STARTED_AT),
          dueAt, (String) execution.getVariableLocal(OWNER)));
    }
    Date now = ClockUtil.getCurrentTime();
    Optional<Due> due = evaluate(stage, execution.getVariables())
        .map(sla -> new Due(now, Date.from(now.toInstant().plus(sla.duration())), sla.clockOwner()));
    if (visit != null) {
      execution.setVariableLocal(VISIT, Variables.stringValue(visit, true));
      execution.setVariableLocal(STARTED_AT, Variables.dateValue(now, true));
      execution.setVariableLocal(DUE_AT, Variables.dateValue(due.map(Due::dueAt).orElse(null), true));
      execution.setVariableLocal(OWNER, Variables.stringValue(due.map(Due::clockOwner).orElse(null), true));
    }
    return due;
  }

  /** Evaluates the latest deployed SLA table for a stage; empty when no row matches. Needs a command context. */
  public Optional<Sla> evaluate(String stage, Map<String, Object> facts) {
    DecisionDefinition decision = Context.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedLatestDecisionDefinitionByKey(DECISION_KEY);
    VariableMap variables = Variables.fromMap(facts).putValue("stage", stage);
    variables.putIfAbsent("customerTier", null);
    try {
      DmnDecisionResultEntries row = DecisionEvaluationUtil.evaluateDecision(decision, variables).getFirstResult();
      if (row == null || row.getEntry("slaDuration") == null) {
        return Optional.empty();
      }
      return Optional.of(new Sla(Duration.parse(row.<String>getEntry("slaDuration")), row.getEntry("clockOwner")));
    } catch (Exception e) {
      throw new ProcessEngineException("Cannot evaluate " + DECISION_KEY + " for stage " + stage, e);
    }
  }
}
