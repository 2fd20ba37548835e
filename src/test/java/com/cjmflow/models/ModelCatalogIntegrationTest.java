package com.cjmflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/** The drift report: a Modeler deployment that the repository does not have shows, and disappears with it. */
class ModelCatalogIntegrationTest extends ApiTestSupport {

  @Autowired RepositoryService repository;

  @Test
  void aModelerEditThatTheRepositoryLacksIsReported() throws Exception {
    JsonNode before = decision(read(call("olga", HttpMethod.GET, "/api/v1/crm/models", null)),
        "touchpoint-response-sla");
    assertThat(before.get("repositoryFile").asText()).isEqualTo("dmn/touchpoint-response-sla.dmn");
    assertThat(before.get("repositoryDiffers").asBoolean()).isFalse();
    assertThat(before.get("latestOrigin").asText()).isEqualTo("repository");
    JsonNode orderFlow = model(read(call("olga", HttpMethod.GET, "/api/v1/crm/models", null)).get("processes"),
        "order-flow");
    assertThat(orderFlow.get("repositoryFile").asText()).isEqualTo("processes/order-flow.bpmn");
    assertThat(orderFlow.get("repositoryDiffers").asBoolean()).isFalse();

    String edited;
    try (InputStream in = new ClassPathResource("dmn/touchpoint-response-sla.dmn").getInputStream()) {
      edited = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</definitions>",
          "<!-- edited in the Modeler --></definitions>");
    }
    String deployment = repository.createDeployment().name("touchpoint-response-sla").source("Camunda Modeler")
        .addString("touchpoint-response-sla.dmn", edited).deploy().getId();
    try {
      JsonNode drifted = decision(read(call("olga", HttpMethod.GET, "/api/v1/crm/models", null)),
          "touchpoint-response-sla");
      assertThat(drifted.get("repositoryDiffers").asBoolean()).isTrue();
      assertThat(drifted.get("latestOrigin").asText()).isEqualTo("modeler");
      assertThat(drifted.get("versions").size()).isEqualTo(before.get("versions").size() + 1);
    } finally {
      repository.deleteDeployment(deployment, true);
    }
    assertThat(decision(read(call("olga", HttpMethod.GET, "/api/v1/crm/models", null)), "touchpoint-response-sla")
        .get("repositoryDiffers").asBoolean()).isFalse();
  }

  private static JsonNode decision(JsonNode catalog, String key) {
    return model(catalog.get("decisions"), key);
  }

  private static JsonNode model(JsonNode models, String key) {
    for (JsonNode model : models) {
      if (key.equals(model.get("key").asText())) {
        return model;
      }
    }
    throw new AssertionError("no model " + key + " in " + models);
  }
}
