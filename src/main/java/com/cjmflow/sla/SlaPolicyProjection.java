package com.cjmflow.sla;

import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.EngineClock;

/**
 * Projects every newly deployed SLA decision table (key ending in {@code sla}) into {@code crm_sla_policies}, one row
 * per rule and decision version, in the deployment's transaction. The DMN stays the policy; the table lets SQL and
 * the AI head of sales read it (seed 000 §6). Inputs are read as subject (stage or channel) and customer tier.
 */
@Component
class SlaPolicyProjection extends AbstractProcessEnginePlugin implements Deployer {

  private final JdbcClient jdbc;

  SlaPolicyProjection(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostDeployers() == null) {
      configuration.setCustomPostDeployers(new ArrayList<>());
    }
    configuration.getCustomPostDeployers().add(this);
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew() || deployment.getDeployedDecisionDefinitions() == null) {
      return;
    }
    OffsetDateTime now = EngineClock.now();
    for (DecisionDefinition definition : deployment.getDeployedDecisionDefinitions()) {
      if (definition.getKey().endsWith("sla")) {
        byte[] xml = deployment.getResource(definition.getResourceName()).getBytes();
        Decision decision = Dmn.readModelFromStream(new ByteArrayInputStream(xml))
            .getModelElementById(definition.getKey());
        project(definition, (DecisionTable) decision.getExpression(), now);
      }
    }
  }

  private void project(DecisionDefinition definition, DecisionTable table, OffsetDateTime now) {
    List<Output> outputs = new ArrayList<>(table.getOutputs());
    int order = 0;
    for (Rule rule : table.getRules()) {
      List<String> inputs = rule.getInputEntries().stream().map(entry -> literal(entry.getTextContent())).toList();
      List<OutputEntry> entries = new ArrayList<>(rule.getOutputEntries());
      String duration = literal(entries.get(0).getTextContent());
      String clockOwner = null;
      for (int i = 0; i < outputs.size(); i++) {
        if ("clockOwner".equals(outputs.get(i).getName())) {
          clockOwner = literal(entries.get(i).getTextContent());
        }
      }
      jdbc.sql("""
          insert into crm_sla_policies (decision_key, decision_definition_id, decision_version, rule_id, rule_order,
            subject, customer_tier, sla_duration, clock_owner, deployed_at)
          values (:key, :definitionId, :version, :ruleId, :ruleOrder, :subject, :tier, :duration, :clockOwner,
            :deployedAt)""")
          .param("key", definition.getKey()).param("definitionId", definition.getId())
          .param("version", definition.getVersion()).param("ruleId", rule.getId()).param("ruleOrder", order++)
          .param("subject", inputs.isEmpty() ? "-" : inputs.get(0))
          .param("tier", inputs.size() < 2 ? "-" : inputs.get(1)).param("duration", duration)
          .param("clockOwner", clockOwner).param("deployedAt", now).update();
    }
  }

  /** A FEEL string literal loses its quotes; {@code -} and empty stay "-". */
  private static String literal(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (trimmed.isEmpty()) {
      return "-";
    }
    return trimmed.startsWith("\"") && trimmed.endsWith("\"") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
  }
}
