package com.cjmflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cjmflow.platform.ModelProperties;

/** Every stage a model waits in has an SLA row, for every customer tier; every stage user task has a form. */
@Deployment(resources = "dmn/stage-sla.dmn")
class StageSlaCoverageTest {

  @RegisterExtension
  static ProcessEngineExtension engine =
      ProcessEngineExtension.builder().configurationResource("camunda-test.cfg.xml").build();

  @Test
  void everyWaitStageOfEveryModelHasAnSlaRow() {
    DecisionService decisions = engine.getDecisionService();
    for (BpmnModelInstance model : models()) {
      for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
        if (node instanceof EndEvent) {
          continue;
        }
        java.util.Optional.ofNullable(ModelProperties.of(node).get("stage")).ifPresent(stage -> {
          for (String tier : List.of("standard", "vip")) {
            DmnDecisionTableResult result = decisions.evaluateDecisionTableByKey(StageSla.DECISION_KEY,
                Map.of("stage", stage, "customerTier", tier));
            assertThat(result.getFirstResult()).as("SLA row for %s (%s)", stage, tier).isNotNull();
            assertThat(Duration.parse(result.getFirstResult().<String>getEntry("slaDuration"))).isPositive();
            assertThat((String) result.getFirstResult().getEntry("clockOwner")).isNotBlank();
          }
        });
      }
    }
  }

  @Test
  void everyUserTaskHasADeployableForm() {
    for (BpmnModelInstance model : models()) {
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        assertThat(task.getCamundaFormRef()).as("form of %s", task.getId()).isNotBlank();
        assertThat(new File("forms/" + task.getCamundaFormRef() + ".form")).as("form file").exists();
      }
    }
  }

  private static List<BpmnModelInstance> models() {
    File[] files = new File("processes").listFiles((dir, name) -> name.endsWith(".bpmn"));
    assertThat(files).isNotEmpty();
    return java.util.Arrays.stream(files).map(Bpmn::readModelFromFile).toList();
  }
}
