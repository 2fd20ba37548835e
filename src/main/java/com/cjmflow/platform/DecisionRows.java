package com.cjmflow.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;
import org.camunda.bpm.dmn.engine.impl.DmnExpressionImpl;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.DecisionEvaluationUtil;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The first matching row of the latest deployed version of a decision table, evaluated inside the current engine
 * command (no caller authorization needed): {@link #first} writes decision history as a business rule task would;
 * {@link #firstUnrecorded} writes none, for evaluations whose result the caller records in its own rows, and
 * remembers the row per table version and values of the facts the table reads (the stage SLA is evaluated at every
 * stage and rung with a handful of distinct inputs; FEEL evaluation was a fifth of a transition's CPU). Which
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
    Reads reads = READS.compute(decisionKey, (key, known) ->
        known != null && known.definitionId().equals(decision.getId()) ? known : Reads.of(decision));
    List<Object> key = reads.key(facts);
    if (key == null) {
      return evaluateUnrecorded(decision, facts);
    }
    Optional<DmnDecisionResultEntries> known = reads.results().get(key);
    if (known != null) {
      return known;
    }
    Optional<DmnDecisionResultEntries> result = evaluateUnrecorded(decision, facts);
    if (reads.results().size() < Reads.MAX_RESULTS) {
      reads.results().put(key, result);
    }
    return result;
  }

  /** How many rows {@link #firstUnrecorded} remembers for the latest evaluated version of a table (for tests). */
  static int remembered(String decisionKey) {
    Reads reads = READS.get(decisionKey);
    return reads == null ? 0 : reads.results().size();
  }

  private static Optional<DmnDecisionResultEntries> evaluateUnrecorded(DecisionDefinition decision,
      Map<String, Object> facts) {
    try {
      return Optional.ofNullable(UNRECORDED.evaluateDecision((DmnDecision) decision, Variables.fromMap(facts))
          .getFirstResult());
    } catch (Exception e) {
      throw new ProcessEngineException("Cannot evaluate " + decision.getKey(), e);
    }
  }

  /** Per decision key: what its latest table reads, and the rows it gave for the values read so far. */
  private static final Map<String, Reads> READS = new ConcurrentHashMap<>();

  /**
   * The facts a deployed decision table reads: those whose name occurs anywhere in its expressions (input
   * expressions, input entries, output entries — an over-approximation, never an omission), so two evaluations with
   * the same values of those facts give the same row. A table that reads the clock ({@code now()}, {@code today()}),
   * requires other decisions or is not a table is not remembered ({@code text} null); nor is a fact value other than
   * a string, number, boolean, enum or null.
   */
  private record Reads(String definitionId, String text,
      Map<List<Object>, Optional<DmnDecisionResultEntries>> results) {

    /** Distinct fact combinations remembered per table version: far more than its rows, bounded all the same. */
    static final int MAX_RESULTS = 4096;
    /** FEEL's functions that read the clock. */
    private static final Pattern CLOCK = Pattern.compile("\\b(now|today)\\s*\\(");

    static Reads of(DecisionDefinition definition) {
      return new Reads(definition.getId(), text(definition), new ConcurrentHashMap<>());
    }

    private static String text(DecisionDefinition definition) {
      if (!(definition instanceof DmnDecision decision) || !decision.getRequiredDecisions().isEmpty()
          || !(decision.getDecisionLogic() instanceof DmnDecisionTableImpl table)) {
        return null;
      }
      StringBuilder text = new StringBuilder();
      table.getInputs().forEach(input -> append(text, input.getExpression()));
      for (DmnDecisionTableRuleImpl rule : table.getRules()) {
        rule.getConditions().forEach(condition -> append(text, condition));
        rule.getConclusions().forEach(conclusion -> append(text, conclusion));
      }
      String all = text.toString();
      return CLOCK.matcher(all).find() ? null : all;
    }

    private static void append(StringBuilder text, DmnExpressionImpl expression) {
      if (expression != null && expression.getExpression() != null) {
        text.append(expression.getExpression()).append('\n');
      }
    }

    /** The names and values of the facts the table reads, sorted by name; null when not to be remembered. */
    List<Object> key(Map<String, Object> facts) {
      if (text == null) {
        return null;
      }
      List<Object> key = new ArrayList<>();
      for (String name : new TreeSet<>(facts.keySet())) {
        if (text.contains(name)) {
          Object value = facts.get(name);
          if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean
              || value instanceof Enum<?>)) {
            return null;
          }
          key.add(name);
          key.add(value);
        }
      }
      return key;
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
