package com.cjmflow.platform.security;

import static com.cjmflow.platform.security.AttackMarkers.assertNoMarker;
import static com.cjmflow.platform.security.AttackMarkers.marker;
import static com.cjmflow.platform.security.AttackMarkers.runtimeExec;
import static com.cjmflow.platform.security.Deployments.deploy;
import static com.cjmflow.platform.security.Deployments.process;
import static com.cjmflow.platform.security.Deployments.xmlAttribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;

/**
 * #8 §1 "What a deployment may contain": the process owner (olga) deploys over the Modeler's REST path. Only BPMN,
 * DMN and Camunda Forms get in, recognised by content; decision tables only in FEEL, checked on the parsed model
 * whatever the quoting or file name; no legacy {@code activiti:} extensions, no Java classes; XML with a DOCTYPE is a
 * 400. Every refusal leaves no deployment, and a payload that would have run leaves no marker.
 */
class DeploymentAttackTest extends ApiTestSupport {

  private static final String REFUSED = "Refused by CJM Flow model policy";

  @Autowired private RepositoryService repositoryService;

  @Test
  void onlyBpmnDmnAndFormsAreDeployableRecognisedByContent() {
    String cmmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <cmmn:definitions xmlns:cmmn="http://www.omg.org/spec/CMMN/20151109/MODEL" id="Definitions_Case"
            targetNamespace="http://t"><cmmn:case id="attack-case"><cmmn:casePlanModel id="Plan" /></cmmn:case>
        </cmmn:definitions>""";
    Map<String, String> refused = Map.of(
        "case.cmmn", cmmn, "case.cmmn11.xml", cmmn, "case.bpmn", cmmn, "case.txt", cmmn,
        "form.html", "<html><body><script>alert(document.cookie)</script></body></html>",
        "script.js", "java.lang.Runtime.getRuntime().exec('touch x')",
        "not-a-form.form", "{\"script\": \"x\"}",
        "decision.bpmn", dmn("'feel'", ""),
        "process.dmn", process("attack-process-as-dmn", "<bpmn:startEvent id=\"Start\" />"),
        "process.form", process("attack-process-as-form", "<bpmn:startEvent id=\"Start\" />"));
    refused.forEach((name, content) -> assertRefused(deploy(http, "olga", name, content), name));
    assertRefused(deploy(http, "olga", "diagram.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}),
        "diagram.png");
    assertThat(repositoryService.createCaseDefinitionQuery().count()).isZero();

    ResponseEntity<String> bpmnByAnyName = deploy(http, "olga", "plain-process.bpmn20.xml",
        process("attack-control-process", "<bpmn:startEvent id=\"Start\" />"));
    assertThat(bpmnByAnyName.getStatusCode()).as(bpmnByAnyName.getBody()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> form = deploy(http, "olga", "attack-control.form",
        "{\"id\":\"attack-control\",\"type\":\"default\",\"schemaVersion\":16,\"components\":[]}");
    assertThat(form.getStatusCode()).as(form.getBody()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void decisionTablesInFeelOnlyCheckedOnTheParsedModel() {
    Path marker = marker("dmn");
    String juel = xmlAttribute(runtimeExec(marker));
    String javascript = "java.lang.Runtime.getRuntime().exec('touch " + marker + "')";
    Map<String, String> refused = new java.util.LinkedHashMap<>();
    refused.put("single-quotes.dmn", dmn("'juel'", juel));
    refused.put("upper-case.dmn", dmn("\"JUEL\"", juel));
    refused.put("entity-encoded.dmn", dmn("\"&#106;uel\"", juel));
    refused.put("legacy-name.dmn11.xml", dmn("\"javascript\"", javascript));
    refused.put("definitions-default.dmn", dmnWithDefault("juel", juel));
    refused.put("input-entry.dmn", dmnRule("<inputEntry id=\"InputEntry_1\" expressionLanguage=\"groovy\"><text>"
        + "'x'.execute()</text></inputEntry>", "<outputEntry id=\"OutputEntry_1\"><text>\"a\"</text></outputEntry>"));
    refused.put("output-entry.dmn", dmnRule("<inputEntry id=\"InputEntry_1\"><text>-</text></inputEntry>",
        "<outputEntry id=\"OutputEntry_1\" expressionLanguage='javascript'><text>" + javascript
            + "</text></outputEntry>"));
    refused.put("literal-expression.dmn", """
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_Literal" name="L"
            namespace="http://t"><decision id="attack-literal" name="L"><variable id="Variable_1" name="out" />
          <literalExpression id="Literal_1" expressionLanguage="juel"><text>%s</text></literalExpression>
        </decision></definitions>""".formatted(juel));
    long deployments = repositoryService.createDeploymentQuery().count();

    refused.forEach((name, content) -> {
      ResponseEntity<String> answer = deploy(http, "olga", name, content);
      assertRefused(answer, name);
      assertThat(answer.getBody()).as(name).contains("FEEL only");
    });
    assertThatThrownBy(() -> repositoryService.createDeployment().addString("java.dmn11.xml",
        refused.get("single-quotes.dmn")).deploy()).isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("FEEL only");
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    assertNoMarker(marker);

    ResponseEntity<String> feel = deploy(http, "olga", "attack-feel.dmn11.xml", dmn("'feel'", "stage"));
    assertThat(feel.getStatusCode()).as(feel.getBody()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void legacyActivitiExtensionsAndJavaClassesAreRefused() {
    Path marker = marker("activiti");
    Map<String, String> refused = Map.of(
        "activiti-class.bpmn", "<bpmn:serviceTask id=\"Task_Evil\" activiti:class=\"java.lang.Runtime\" />",
        "activiti-expression.bpmn", "<bpmn:serviceTask id=\"Task_Evil\" activiti:expression=\""
            + xmlAttribute(runtimeExec(marker)) + "\" />",
        "activiti-listener.bpmn", "<bpmn:startEvent id=\"Start\"><bpmn:extensionElements><activiti:executionListener"
            + " class=\"java.lang.Thread\" event=\"start\" /></bpmn:extensionElements></bpmn:startEvent>",
        "form-handler-class.bpmn", "<bpmn:startEvent id=\"Start\" camunda:formHandlerClass=\"java.lang.Object\" />",
        "variable-mapping-class.bpmn", "<bpmn:callActivity id=\"Call\" calledElement=\"x\" "
            + "camunda:variableMappingClass=\"java.lang.Object\" />",
        "camunda-listener-class.bpmn", "<bpmn:startEvent id=\"Start\"><bpmn:extensionElements><camunda:taskListener"
            + " class=\"java.lang.Object\" event=\"create\" /></bpmn:extensionElements></bpmn:startEvent>");
    refused.forEach((name, body) -> assertRefused(deploy(http, "olga", name,
        process("attack-" + name.replace(".bpmn", ""), body)), name));
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKeyLike("attack-activiti%").count())
        .isZero();
    assertNoMarker(marker);
  }

  @Test
  void xmlWithADoctypeIsABadRequestNotAServerError() throws IOException {
    Path secret = marker("xxe-secret");
    String token = "secret-" + UUID.randomUUID();
    Files.writeString(secret, token);
    String externalEntity = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE definitions [<!ENTITY xxe SYSTEM "%s">]>
        """.formatted(secret.toUri()) + process("attack-xxe", "<bpmn:startEvent id=\"Start\" name=\"&xxe;\" />")
        .replaceFirst("<\\?xml[^>]*>", "");
    String expansion = """
        <?xml version="1.0"?>
        <!DOCTYPE definitions [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
          <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
        """ + dmn("\"feel\"", "&d;").replaceFirst("<\\?xml[^>]*>", "");
    String externalDtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE definitions SYSTEM \"http://127.0.0.1:9/x.dtd\">\n"
        + process("attack-dtd", "<bpmn:startEvent id=\"Start\" />").replaceFirst("<\\?xml[^>]*>", "");
    long deployments = repositoryService.createDeploymentQuery().count();

    for (var model : Map.of("xxe.bpmn", externalEntity, "expansion.dmn", expansion, "dtd.bpmn", externalDtd,
        "xxe-as-text.txt", externalEntity).entrySet()) {
      ResponseEntity<String> answer = deploy(http, "olga", model.getKey(), model.getValue());
      assertRefused(answer, model.getKey());
      assertThat(answer.getHeaders().getContentType()).isNotNull()
          .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON));
      assertThat(answer.getBody()).contains("DOCTYPE").doesNotContain(token);
    }
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
  }

  private static void assertRefused(ResponseEntity<String> answer, String name) {
    assertThat(answer.getStatusCode()).as("%s: %s", name, answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).as(name).contains(REFUSED);
  }

  /** A one-input decision table whose input expression is in {@code language} (written with its quotes). */
  private static String dmn(String language, String inputExpression) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
            xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="Definitions_Attack" name="A" namespace="http://t">
          <decision id="attack-%s" name="A" camunda:historyTimeToLive="P1D">
            <decisionTable id="DecisionTable_1">
              <input id="Input_1"><inputExpression id="InputExpression_1" typeRef="string" expressionLanguage=%s>
                <text>%s</text></inputExpression></input>
              <output id="Output_1" name="out" typeRef="string" />
            </decisionTable>
          </decision>
        </definitions>""".formatted(Math.abs((language + inputExpression).hashCode()), language, inputExpression);
  }

  private static String dmnWithDefault(String language, String inputExpression) {
    return dmn("\"feel\"", inputExpression).replace(" expressionLanguage=\"feel\"", "")
        .replace("namespace=\"http://t\"", "namespace=\"http://t\" expressionLanguage=\"" + language + "\"");
  }

  private static String dmnRule(String inputEntry, String outputEntry) {
    return dmn("\"feel\"", "stage").replace("</decisionTable>",
        "<rule id=\"Rule_1\">" + inputEntry + outputEntry + "</rule></decisionTable>");
  }

}
