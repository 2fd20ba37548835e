package com.cjmflow.platform;

import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.DecisionEvaluationUtil;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The first matching row of the latest deployed version of a decision table, evaluated inside the current engine
 * command (no caller authorization needed): {@link #first} writes decision history as a business rule task would;
 * {@link #firstUnrecorded} writes none, for evaluations whose result the caller records in its own rows. Which
 * version is the latest is believed per node ({@link LatestDecisions}), not selected at every evaluation.
 */
public final class DecisionRows {

  /**
   * A DMN engine without the process engine's history listener, evaluating FEEL only (no EL provider, no script
   * engines — deployed tables are FEEL only anyway, see {@code DecisionLanguages}).
   */
  private static final DmnEngine UNRECORDED = unrecordedEngine();

  private DecisionRows() {}

  public static Optional<DmnDecisionResultEntries> first(String decisionKey, Map<String, Object> facts) {
    DecisionDefinition decision = latest(decisionKey);
    try {
      return Optional.ofNullable(DecisionEvaluationUtil.evaluateDecision(decision, Variables.fromMap(facts))
          .getFirstResult());
    } catch (Exception e) {
      throw new ProcessEngineException("Cannot evaluate " + decisionKey, e);
    }
  }

  /**
   * As {@link #first}, but no decision history: the stage SLA, evaluated at every stage entry, is recorded by the
   * stage instance itself (due date, calendar, clock owner, explanation), so nine history rows per evaluation would
   * say nothing new.
   */
  public static Optional<DmnDecisionResultEntries> firstUnrecorded(String decisionKey, Map<String, Object> facts) {
    DecisionDefinition decision = latest(decisionKey);
    try {
      return Optional.ofNullable(UNRECORDED.evaluateDecision((DmnDecision) decision, Variables.fromMap(facts))
          .getFirstResult());
    } catch (Exception e) {
      throw new ProcessEngineException("Cannot evaluate " + decisionKey, e);
    }
  }

  private static DecisionDefinition latest(String decisionKey) {
    return LatestDecisions.of(decisionKey);
  }

  private static DmnEngine unrecordedEngine() {
    return feelOnlyEngine(refused -> new ProcessEngineException("Only FEEL is evaluated here: " + refused));
  }

  /**
   * A DMN engine that evaluates FEEL and nothing else, without the process engine's listeners (no history): no EL
   * provider and no script engines; an expression in another language fails with {@code refusal} of its text or
   * language.
   */
  public static DmnEngine feelOnlyEngine(java.util.function.Function<String, RuntimeException> refusal) {
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.setElProvider(expression -> {
      throw refusal.apply(expression);
    });
    configuration.setScriptEngineResolver(language -> {
      throw refusal.apply(language);
    });
    return configuration.buildEngine();
  }
}
