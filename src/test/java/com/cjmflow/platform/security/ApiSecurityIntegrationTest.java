package com.cjmflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;

/** Swagger UI needs a login, API answers are not sniffed or cached, the webapps keep their own login page. */
class ApiSecurityIntegrationTest extends ApiTestSupport {

  @Test
  void swaggerUiAndTheOpenApiDocumentNeedALogin() {
    for (String path : new String[] {"/swagger-ui/index.html", "/swagger-ui.html", "/v3/api-docs"}) {
      assertThat(call(null, HttpMethod.GET, path, null).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    assertThat(call("egor", HttpMethod.GET, "/swagger-ui/index.html", null).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void apiAnswersAreNeitherSniffedNorCached() {
    for (String path : new String[] {"/api/v1/crm/sla/calendars", "/engine-rest/task", "/api/v1/crm/kpi/recompute"}) {
      ResponseEntity<String> answer = call("anna", HttpMethod.GET, path, null);
      assertThat(answer.getHeaders().getFirst("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(answer.getHeaders().getCacheControl()).as(path).contains("no-store");
    }
    ResponseEntity<String> anonymous = call(null, HttpMethod.GET, "/api/v1/crm/sla/calendars", null);
    assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
    assertThat(read(anonymous).get("type").asText()).isEqualTo("urn:cjm:problem:unauthorized");
  }

  @Test
  void theWebappsKeepTheirOwnLogin() {
    assertThat(call(null, HttpMethod.GET, "/camunda/app/tasklist/default/", null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(call(null, HttpMethod.GET, "/camunda/api/admin/auth/user/default", null).getStatusCode())
        .isNotEqualTo(HttpStatus.OK);
    assertThat(call(null, HttpMethod.GET, "/camunda/api/engine/engine/default/task", null).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void theLoginPagesFirstVisitProbeGetsNoBasicChallenge() {
    // A challenge puts the browser's own login dialog over the Camunda login (README "Browser tests").
    ResponseEntity<String> probe = call(null, HttpMethod.GET, "/camunda-welcome", null);
    assertThat(probe.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(probe.getHeaders().get("WWW-Authenticate")).isNull();
  }
}
