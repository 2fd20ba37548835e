package com.cjmflow.platform.security;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/** The Modeler's way in: a multipart {@code POST /engine-rest/deployment/create} with HTTP Basic. */
final class Deployments {

  private Deployments() {}

  static ResponseEntity<String> deploy(TestRestTemplate http, String user, String fileName, String content) {
    return deploy(http, user, fileName, content.strip().getBytes(StandardCharsets.UTF_8));
  }

  static ResponseEntity<String> deploy(TestRestTemplate http, String user, String fileName, byte[] content) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, user);
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON));
    var parts = new LinkedMultiValueMap<String, Object>();
    parts.add("deployment-name", "attack " + fileName);
    parts.add("deployment-source", "Camunda Modeler");
    parts.add("data", new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    return http.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(parts, headers),
        String.class);
  }

  /** A one-process BPMN whose process has {@code body} between start and end (flow ids Flow_In, Flow_Out). */
  static String process(String key, String body) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:activiti="http://activiti.org/bpmn"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_Attack" targetNamespace="http://t">
          <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
            %s
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, body);
  }

  static String xmlAttribute(String text) {
    return text.replace("&", "&amp;").replace("\"", "&quot;").replace("'", "&apos;").replace("<", "&lt;");
  }
}
