package com.cjmflow.platform;

import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.DecisionEvaluationUtil;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The first matching row of the latest deployed version of a decision table, evaluated inside the current engine
 * command (decision history is written as for a business rule task; no caller authorization needed).
 */
public final class DecisionRows {

  private DecisionRows() {}

  public static Optional<DmnDecisionResultEntries> first(String decisionKey, Map<String, Object> facts) {
    DecisionDefinition decision = Context.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedLatestDecisionDefinitionByKey(decisionKey);
    try {
      return Optional.ofNullable(DecisionEvaluationUtil.evaluateDecision(decision, Variables.fromMap(facts))
          .getFirstResult());
    } catch (Exception e) {
      throw new ProcessEngineException("Cannot evaluate " + decisionKey, e);
    }
  }
}
