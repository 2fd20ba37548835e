package com.cjmflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.cjmflow.ApiTestSupport;

/**
 * The deployed SLA tables can be read as data in crm_sla_policies, rule by rule. Expectations come from the deployed
 * tables themselves, so the process owner's edits (a new row, another budget) keep this test green.
 */
class SlaPolicyProjectionIntegrationTest extends ApiTestSupport {

  @Autowired RepositoryService repository;

  @Test
  void deployedSlaTablesAreProjectedRuleByRule() {
    for (String key : List.of("stage-sla", "touchpoint-response-sla")) {
      DecisionDefinition deployed = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
          .latestVersion().singleResult();
      Decision decision = repository.getDmnModelInstance(deployed.getId()).getModelElementById(key);
      List<Rule> rules = List.copyOf(((DecisionTable) decision.getExpression()).getRules());

      assertThat(jdbc.queryForObject("""
          select count(*) from crm_sla_policies where decision_key = ? and decision_version = ?""", Long.class,
          key, deployed.getVersion())).as("rows of %s v%s", key, deployed.getVersion()).isEqualTo(rules.size());
      Rule first = rules.get(0);
      Map<String, Object> row = jdbc.queryForMap("""
          select subject, sla_duration from crm_sla_policies
          where decision_definition_id = ? and rule_id = ?""", deployed.getId(), first.getId());
      assertThat(row.get("sla_duration")).as("first rule of %s", key)
          .isEqualTo(unquoted(first.getOutputEntries().iterator().next().getTextContent()));
      assertThat(row.get("subject")).isEqualTo(unquoted(first.getInputEntries().iterator().next().getTextContent()));
    }
  }

  private static String unquoted(String feel) {
    String text = feel == null ? "" : feel.trim();
    if (text.isEmpty()) {
      return "-";
    }
    return text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
  }
}
