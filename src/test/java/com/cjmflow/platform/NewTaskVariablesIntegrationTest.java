package com.cjmflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.cjmflow.ApiTestSupport;
import com.cjmflow.SqlStatements;

/**
 * {@link NewTaskVariables}: a task being created reads its process's variables without selecting its own (it has
 * none yet), and a variable its model's create listener sets on it locally is still stored as the task's own.
 */
class NewTaskVariablesIntegrationTest extends ApiTestSupport {

  private static final String KEY = "new-task-variables-test";

  @Autowired TaskService tasks;
  private String deployment;

  @Test
  void aNewTaskSelectsNoVariablesOfItsOwnAndKeepsThoseItsListenerSets() {
    deployment = engineRepository.createDeployment().addModelInstance(KEY + ".bpmn",
        Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1).startEvent()
            .userTask("Task_Noted").camundaTaskListenerExpression("create", "${task.setVariableLocal('note', subject)}")
            .endEvent().done())
        .deploy().getId();

    var started = SqlStatements.record(() -> engineRuntime.startProcessInstanceByKey(KEY, Map.of("subject", "bike")));

    var task = tasks.createTaskQuery().processInstanceId(started.getKey().getId()).singleResult();
    assertThat(tasks.getVariablesLocal(task.getId())).as("the listener's local variable, stored on the task")
        .containsExactly(Map.entry("note", "bike"));
    assertThat(tasks.getVariable(task.getId(), "subject")).as("the process variable, read through the task")
        .isEqualTo("bike");
    assertThat(started.getValue().taskVariableSelects()).as("selects of the new task's own variables").isZero();
  }

  @AfterEach
  void undeploy() {
    if (deployment != null) {
      engineRepository.deleteDeployment(deployment, true);
    }
  }
}
