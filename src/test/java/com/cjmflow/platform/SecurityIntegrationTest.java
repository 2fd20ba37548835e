package com.cjmflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

import com.cjmflow.ApiTestSupport;

/** Nothing answers without authentication but health; only process owners deploy; roles bound what one reads. */
class SecurityIntegrationTest extends ApiTestSupport {

  private static final String TINY_PROCESS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Tiny" targetNamespace="http://t">
        <bpmn:process id="tiny-%s" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="StartEvent_Tiny" />
        </bpmn:process>
      </bpmn:definitions>
      """;

  @Test
  void apisNeedAuthentication() {
    assertThat(call(null, HttpMethod.GET, "/api/v1/crm/orders/1/cjm", null).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(call(null, HttpMethod.POST, "/api/v1/crm/orders", booking("web-sec-1", false, false))
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(call(null, HttpMethod.GET, "/engine-rest/task", null).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(call("nobody-at-all", HttpMethod.GET, "/engine-rest/process-definition", null).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(count("orders where external_id = 'web-sec-1'")).isZero();
  }

  @Test
  void healthAnswersWithoutAuthentication() {
    assertThat(call(null, HttpMethod.GET, "/actuator/health", null).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void onlyProcessOwnersDeploy() {
    assertThat(deploy("anna").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(deploy("galina").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(deploy("olga").getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void modelsWithScriptsOrJavaClassesAreRefused() {
    String script = TINY_PROCESS.formatted("script").replace("<bpmn:startEvent id=\"StartEvent_Tiny\" />",
        "<bpmn:scriptTask id=\"Task_Evil\" scriptFormat=\"groovy\"><bpmn:script>'rm -rf /'.execute()</bpmn:script>"
            + "</bpmn:scriptTask>");
    String javaClass = TINY_PROCESS.formatted("clazz").replace("<bpmn:startEvent id=\"StartEvent_Tiny\" />",
        "<bpmn:serviceTask id=\"Task_Evil\" camunda:class=\"java.lang.Runtime\" />");
    String reflection = TINY_PROCESS.formatted("juel").replace("<bpmn:startEvent id=\"StartEvent_Tiny\" />",
        "<bpmn:serviceTask id=\"Task_Evil\" camunda:expression=\"${''.getClass().forName('java.lang.Runtime')}\" />");
    long deployments = count("act_re_deployment");

    for (String model : new String[] {script, javaClass, reflection}) {
      ResponseEntity<String> answer = deploy("olga", model);
      assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getBody()).contains("Refused by CJM Flow model policy");
    }
    assertThat(count("act_re_deployment")).isEqualTo(deployments);
  }

  @Test
  void decisionTablesWithScriptLanguagesAreRefused() {
    String javascript = """
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_Evil" name="Evil"
            namespace="http://t"><decision id="evil" name="Evil"><decisionTable id="DecisionTable_Evil">
          <input id="Input_1"><inputExpression id="InputExpression_1" typeRef="string" expressionLanguage="javascript">
            <text>java.lang.Runtime.getRuntime()</text></inputExpression></input>
          <output id="Output_1" name="out" typeRef="string" />
        </decisionTable></decision></definitions>""";
    long deployments = count("act_re_deployment");

    ResponseEntity<String> answer = deploy("olga", javascript, "evil.dmn");

    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).contains("FEEL only");
    assertThat(count("act_re_deployment")).isEqualTo(deployments);
  }

  @Test
  void adminSetupEndpointIsClosed() {
    ResponseEntity<String> setup = call(null, HttpMethod.POST, "/camunda/api/admin/setup/default/user/create",
        "{\"profile\":{\"id\":\"eve\"},\"credentials\":{\"password\":\"eve\"}}");
    assertThat(setup.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void theBookingSystemBooksButDoesNotReadJourneys() {
    long orderId = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("web-sec-2", false, false)))
        .get("orderId").asLong();

    assertThat(call("booking", HttpMethod.GET, "/api/v1/crm/orders/" + orderId + "/cjm", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("egor", HttpMethod.GET, "/api/v1/crm/orders/" + orderId + "/cjm", null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  private ResponseEntity<String> deploy(String user) {
    return deploy(user, TINY_PROCESS.formatted(user));
  }

  private ResponseEntity<String> deploy(String user, String model) {
    return deploy(user, model, "tiny.bpmn");
  }

  private ResponseEntity<String> deploy(String user, String model, String fileName) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, user);
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    var parts = new LinkedMultiValueMap<String, Object>();
    parts.add("deployment-name", "tiny by " + user);
    parts.add("data", new ByteArrayResource(model.strip().getBytes()) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    return http.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(parts, headers),
        String.class);
  }
}
