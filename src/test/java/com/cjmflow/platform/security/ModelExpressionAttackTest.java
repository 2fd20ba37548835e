package com.cjmflow.platform.security;

import static com.cjmflow.platform.security.AttackMarkers.assertNoMarker;
import static com.cjmflow.platform.security.AttackMarkers.marker;
import static com.cjmflow.platform.security.AttackMarkers.runtimeExec;
import static com.cjmflow.platform.security.Deployments.process;
import static com.cjmflow.platform.security.Deployments.xmlAttribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.feel.api.FeelEngineBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;

/**
 * #8 §1 "Expressions in models": the process owner deploys (olga, over the Modeler's REST path) models whose
 * expressions try to run code — through a service task, an execution listener, a sequence-flow condition, an async
 * job — or to read the database through a Spring bean that is not on the allow-list. Each deploys (no forbidden word
 * in it) and fails when evaluated, leaving no marker and no variable; an ordinary model still runs.
 */
class ModelExpressionAttackTest extends ApiTestSupport {

  private static final String REFUSED = "Refused by CJM Flow expression policy";

  @Autowired private RuntimeService runtimeService;
  @Autowired private HistoryService historyService;
  @Autowired private org.camunda.bpm.engine.ManagementService managementService;
  @Autowired private ApplicationContext context;
  @Autowired private DecisionService decisionService;

  @Test
  void runtimeExecInAServiceTaskExpression() {
    Path marker = marker("service-task");
    String key = deployAsProcessOwner("attack-service-task", """
        <bpmn:startEvent id="Start" />
        <bpmn:sequenceFlow id="Flow_In" sourceRef="Start" targetRef="Task_Evil" />
        <bpmn:serviceTask id="Task_Evil" camunda:expression="%s" camunda:resultVariable="out" />
        <bpmn:sequenceFlow id="Flow_Out" sourceRef="Task_Evil" targetRef="End" />
        <bpmn:endEvent id="End" />""".formatted(xmlAttribute(runtimeExec(marker))));

    assertCannotRun(key, marker);
  }

  @Test
  void runtimeExecInAnExecutionListener() {
    Path marker = marker("listener");
    String key = deployAsProcessOwner("attack-listener", """
        <bpmn:startEvent id="Start">
          <bpmn:extensionElements>
            <camunda:executionListener expression="%s" event="start" />
          </bpmn:extensionElements>
        </bpmn:startEvent>
        <bpmn:sequenceFlow id="Flow_In" sourceRef="Start" targetRef="End" />
        <bpmn:endEvent id="End" />""".formatted(xmlAttribute(runtimeExec(marker))));

    assertCannotRun(key, marker);
  }

  @Test
  void runtimeExecInASequenceFlowCondition() {
    Path marker = marker("condition");
    String key = deployAsProcessOwner("attack-condition", """
        <bpmn:startEvent id="Start" />
        <bpmn:sequenceFlow id="Flow_In" sourceRef="Start" targetRef="Gateway_Evil" />
        <bpmn:exclusiveGateway id="Gateway_Evil" default="Flow_Default" />
        <bpmn:sequenceFlow id="Flow_Out" sourceRef="Gateway_Evil" targetRef="End">
          <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">%s</bpmn:conditionExpression>
        </bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="Flow_Default" sourceRef="Gateway_Evil" targetRef="End" />
        <bpmn:endEvent id="End" />""".formatted(runtimeExec(marker).replace("&", "&amp;").replace("<", "&lt;")));

    assertCannotRun(key, marker);
  }

  @Test
  void runtimeExecInAnAsyncJobFailsAsAJob() {
    Path marker = marker("job");
    String key = deployAsProcessOwner("attack-job", """
        <bpmn:startEvent id="Start" />
        <bpmn:sequenceFlow id="Flow_In" sourceRef="Start" targetRef="Task_Evil" />
        <bpmn:serviceTask id="Task_Evil" camunda:asyncBefore="true" camunda:expression="%s" />
        <bpmn:sequenceFlow id="Flow_Out" sourceRef="Task_Evil" targetRef="End" />
        <bpmn:endEvent id="End" />""".formatted(xmlAttribute(runtimeExec(marker))));
    String instance = runtimeService.startProcessInstanceByKey(key).getId();
    String job = managementService.createJobQuery().processInstanceId(instance).singleResult().getId();

    assertThatThrownBy(() -> managementService.executeJob(job)).hasMessageContaining(REFUSED);
    assertThat(managementService.createJobQuery().jobId(job).singleResult().getExceptionMessage())
        .contains(REFUSED);
    assertNoMarker(marker);
    runtimeService.deleteProcessInstance(instance, "attack test");
  }

  @Test
  void beansOutsideTheAllowListAreNotReachable() {
    for (String expression : List.of("${jdbcTemplate.queryForList('select PWD_ from ACT_ID_USER')}",
        "${dataSource.connection}", "${runtimeService.createProcessInstanceQuery().list()}",
        "${identityService.createUserQuery().list()}")) {
      String key = deployAsProcessOwner("attack-bean-" + Math.abs(expression.hashCode()), """
          <bpmn:startEvent id="Start" />
          <bpmn:sequenceFlow id="Flow_In" sourceRef="Start" targetRef="Task_Leak" />
          <bpmn:serviceTask id="Task_Leak" camunda:expression="%s" camunda:resultVariable="leak" />
          <bpmn:sequenceFlow id="Flow_Out" sourceRef="Task_Leak" targetRef="End" />
          <bpmn:endEvent id="End" />""".formatted(xmlAttribute(expression)));

      assertRefusedOverRest(key);
      assertThat(start(key).getBody()).contains("is not one models may use");
      assertRefusedInJava(key);
    }
    assertThat(historyService.createHistoricVariableInstanceQuery().variableName("leak").count())
        .as("no password hash, connection or engine object ever became a variable").isZero();
  }

  @Test
  void theEngineAndClassesAreNotReachableThroughVariablesOrTheExecution() {
    for (String expression : List.of("${execution.processEngineServices.identityService.createUserQuery().list()}",
        "${execution.processEngine.identityService}", "${name['cla'.concat('ss')]}", "${execution['class']}",
        "${execution.processInstance.processEngineServices}", "${name.bytes['class']['module']}")) {
      String key = deployAsProcessOwner("attack-reach-" + Math.abs(expression.hashCode()), """
          <bpmn:startEvent id="Start" />
          <bpmn:sequenceFlow id="Flow_In" sourceRef="Start" targetRef="Task_Reach" />
          <bpmn:serviceTask id="Task_Reach" camunda:expression="%s" camunda:resultVariable="leak" />
          <bpmn:sequenceFlow id="Flow_Out" sourceRef="Task_Reach" targetRef="End" />
          <bpmn:endEvent id="End" />""".formatted(xmlAttribute(expression)));
      assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(key, java.util.Map.of("name", "x")))
          .as(expression).isInstanceOf(BadUserRequestException.class).hasMessageContaining(REFUSED);
    }
    assertThat(historyService.createHistoricVariableInstanceQuery().variableName("leak").count()).isZero();
  }

  @Test
  void ordinaryExpressionsStillWork() {
    String key = deployAsProcessOwner("plain-expressions", """
        <bpmn:startEvent id="Start" />
        <bpmn:sequenceFlow id="Flow_In" sourceRef="Start" targetRef="Task_Plain" />
        <bpmn:serviceTask id="Task_Plain" camunda:expression="${name.toUpperCase().concat('-').concat(execution.getVariable('n'))}"
            camunda:resultVariable="out" />
        <bpmn:sequenceFlow id="Flow_Out" sourceRef="Task_Plain" targetRef="Gateway_Check" />
        <bpmn:exclusiveGateway id="Gateway_Check" default="Flow_No" />
        <bpmn:sequenceFlow id="Flow_Yes" sourceRef="Gateway_Check" targetRef="Task_Wait">
          <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${out == 'OLGA-7' &amp;&amp; n &gt; 6}</bpmn:conditionExpression>
        </bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="Flow_No" sourceRef="Gateway_Check" targetRef="End" />
        <bpmn:userTask id="Task_Wait" />
        <bpmn:sequenceFlow id="Flow_Done" sourceRef="Task_Wait" targetRef="End" />
        <bpmn:endEvent id="End" />""");
    String instance = runtimeService.startProcessInstanceByKey(key, java.util.Map.of("name", "olga", "n", 7))
        .getId();
    assertThat(runtimeService.getVariable(instance, "out")).isEqualTo("OLGA-7");
    assertThat(runtimeService.getActiveActivityIds(instance)).containsExactly("Task_Wait");
    runtimeService.deleteProcessInstance(instance, "attack test control");
  }

  /**
   * FEEL is the one language a decision table may use: its external Java functions stay off in the engine. The marker
   * is the value only Java can compute here ({@code Math.max} through an external function).
   */
  @Test
  void feelCannotCallJavaFunctions() {
    String expression = "{f: function(x, y) external {java: {class: \"java.lang.Math\", method signature: "
        + "\"max(int, int)\"}}, r: f(20, 26)}.r";
    assertThat(FeelEngineBuilder.forJava().withEnabledExternalFunctions(true).build()
        .evaluateExpression(expression, java.util.Map.of()).result())
        .as("positive control: FEEL with external functions on calls Java").isEqualTo(26L);

    String key = "attack-feel-java";
    ResponseEntity<String> deployed = Deployments.deploy(http, "olga", key + ".dmn", """
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn"
            id="Definitions_FeelJava" name="F" namespace="http://t"><decision id="%s" name="F"
            camunda:historyTimeToLive="P1D"><variable id="Variable_1" name="out" />
          <literalExpression id="Literal_1" expressionLanguage="feel"><text>%s</text></literalExpression>
        </decision></definitions>""".formatted(key, xmlAttribute(expression)));
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
    Object result;
    try {
      result = decisionService.evaluateDecisionByKey(key).evaluate().getSingleEntry();
    } catch (RuntimeException refused) {
      result = refused.getMessage();
    }
    assertThat(result).as("the engine's FEEL did not call Java").isNotIn(26, 26L);
  }

  /** The allow-list is exactly the beans the models in processes/ name: none missing, none to spare. */
  @Test
  void theAllowListIsExactlyTheBeansTheModelsUse() throws java.io.IOException {
    List<String> allowed = Binder.get(context.getEnvironment())
        .bind("cjm.expressions.beans", Bindable.listOf(String.class)).orElse(List.of());
    Set<String> usedBeans = new TreeSet<>();
    Pattern identifier = Pattern.compile("[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*[.}(\\[]");
    try (var models = Files.list(Path.of("processes"))) {
      for (Path model : models.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        Matcher names = identifier.matcher(Files.readString(model));
        while (names.find()) {
          if (context.containsBean(names.group(1))) {
            usedBeans.add(names.group(1));
          }
        }
      }
    }
    assertThat(new TreeSet<>(allowed)).as("cjm.expressions.beans (application.yaml) lists the beans processes/ uses")
        .isEqualTo(usedBeans);
  }

  private String deployAsProcessOwner(String key, String body) {
    ResponseEntity<String> deployed = Deployments.deploy(http, "olga", key + ".bpmn", process(key, body));
    assertThat(deployed.getStatusCode()).as("olga deploys %s: %s", key, deployed.getBody()).isEqualTo(HttpStatus.OK);
    return key;
  }

  private void assertCannotRun(String key, Path marker) {
    assertRefusedOverRest(key);
    assertRefusedInJava(key);
    assertNoMarker(marker);
  }

  private ResponseEntity<String> start(String key) {
    return call("olga", HttpMethod.POST, "/engine-rest/process-definition/key/" + key + "/start", "{}");
  }

  /**
   * The engine REST's start endpoint reports every engine exception as a 500 "Cannot instantiate process definition"
   * with the cause's message; the refusal is in that message and no instance exists.
   */
  private void assertRefusedOverRest(String key) {
    long instances = runtimeService.createProcessInstanceQuery().processDefinitionKey(key).count();
    ResponseEntity<String> start = start(key);
    assertThat(start.getStatusCode().is2xxSuccessful()).as(start.getBody()).isFalse();
    assertThat(start.getBody()).contains(REFUSED);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(key).count()).isEqualTo(instances);
  }

  private void assertRefusedInJava(String key) {
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(key))
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining(REFUSED);
  }
}
