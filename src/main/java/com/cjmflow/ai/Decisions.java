package com.cjmflow.ai;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.AsSystem;

/**
 * The AI module's facade to the decision tables the process owner deploys ({@code next-best-actions},
 * {@code lead-score}, {@code churn-risk}, {@code contact-routing}): the latest deployed version of a table, parsed
 * once per version and evaluated in memory. Ranking a manager's actions evaluates a table per candidate: without
 * the engine's decision history (nine rows per evaluation) that stays cheap. Only deployed tables are evaluated, so
 * the deployment checks (FEEL only) hold for them.
 */
@Component
public class Decisions {

  /** The first matching row (output name → value) and the deployed version it came from. */
  public record Row(Map<String, Object> outputs, String decisionKey, int version) {}

  private final RepositoryService repository;
  private final AsSystem asSystem;
  private final DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
  private final Map<String, DmnDecision> parsed = new ConcurrentHashMap<>();

  Decisions(RepositoryService repository, AsSystem asSystem) {
    this.repository = repository;
    this.asSystem = asSystem;
  }

  public Optional<Row> first(String decisionKey, Map<String, Object> facts) {
    List<Row> rows = all(decisionKey, facts);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** Every matching row (a COLLECT table), in the table's order. */
  public List<Row> all(String decisionKey, Map<String, Object> facts) {
    DecisionDefinition definition = asSystem.call(() -> repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey(decisionKey).latestVersion().withoutTenantId().singleResult());
    if (definition == null) {
      throw new IllegalStateException("decision table " + decisionKey + " is not deployed");
    }
    DmnDecision decision = parsed.computeIfAbsent(definition.getId(), id -> asSystem.call(() -> {
      try (InputStream xml = repository.getDecisionModel(id)) {
        return dmn.parseDecision(decisionKey, xml);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }));
    List<Row> rows = new java.util.ArrayList<>();
    for (DmnDecisionResultEntries row : dmn.evaluateDecision(decision,
        Variables.fromMap(new LinkedHashMap<>(facts)))) {
      rows.add(new Row(row.getEntryMap(), decisionKey, definition.getVersion()));
    }
    return rows;
  }
}
