package com.cjmflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/** Actuator for the operator: probes open, info and Prometheus behind an operator's login, business meters. */
class OperationsIntegrationTest extends ApiTestSupport {

  @Autowired BusinessMeters meters;
  @Autowired IdentityService identity;

  @Test
  void livenessAndReadinessAreOpenProbes() {
    for (String probe : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
      ResponseEntity<String> answer = call(null, HttpMethod.GET, probe, null);
      assertThat(answer.getStatusCode()).as(probe).isEqualTo(HttpStatus.OK);
      assertThat(read(answer).get("status").asText()).isEqualTo("UP");
    }
  }

  @Test
  void infoNamesTheBuildAndTheDeployedModelVersions() {
    ResponseEntity<String> answer = call("olga", HttpMethod.GET, "/actuator/info", null);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode info = read(answer);
    assertThat(info.at("/build/version").asText()).isNotBlank();
    JsonNode orderFlow = info.at("/models/processes/order-flow");
    assertThat(orderFlow.get("version").asInt()).isPositive();
    assertThat(orderFlow.get("versionTag").asText()).isNotBlank();
    assertThat(info.at("/models/decisions/stage-sla/version").asInt()).isPositive();
    assertThat(call("anna", HttpMethod.GET, "/actuator/info", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call(null, HttpMethod.GET, "/actuator/info", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void prometheusShowsTheBusinessMeters() {
    assertThat(call("booking", HttpMethod.POST, "/api/v1/crm/orders",
        booking("ops-" + UUID.randomUUID(), false, false)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    long booked = jdbc.queryForObject(
        "select count(*) from crm_order_stage_instances where left_at is null and stage = 'booked'", Long.class);
    meters.refresh();

    String metrics = scrape();
    assertThat(metrics).contains("cjm_orders_in_stage{stage=\"booked\"} " + (double) booked);
    assertThat(metrics).contains("cjm_outbox_backlog{outbox=\"notifications\"}", "cjm_outbox_backlog{outbox=\"events\"}",
        "cjm_outbox_failed{outbox=\"notifications\"}", "cjm_jobs_due ", "cjm_jobs_failed ", "cjm_kpi_runs_failed ",
        "cjm_kpi_last_run_duration_seconds");
    assertThat(call("olga", HttpMethod.GET, "/actuator/prometheus", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  private String scrape() {
    if (identity.createUserQuery().userId("opsadmin").count() == 0) {
      User admin = identity.newUser("opsadmin");
      admin.setPassword("opsadmin");
      identity.saveUser(admin);
      identity.createMembership("opsadmin", "camunda-admin");
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("opsadmin", "opsadmin");
    ResponseEntity<String> answer = http.exchange("/actuator/prometheus", HttpMethod.GET, new HttpEntity<>(headers),
        String.class);
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
    return answer.getBody();
  }
}
