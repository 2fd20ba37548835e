package com.cjmflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.cjmflow.models.CandidateTables;
import com.cjmflow.platform.DisplayNames;
import com.fasterxml.jackson.databind.JsonNode;

/** The dashboard: its numbers, the heatmap, the page, and the same login as Tasklist. */
class DashboardIntegrationTest extends ApiTestSupport {

  @Autowired DisplayNames names;

  @Test
  void theHeadOfSalesSeesThePipelineAndTheHeatmapInRussian() {
    JsonNode booked = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders",
        booking("dash-" + UUID.randomUUID(), false, false)));
    long open = jdbc.queryForObject("select count(*) from crm_order_stage_instances where left_at is null "
        + "and stage = 'booked'", Long.class);

    JsonNode overview = read(call("galina", HttpMethod.GET, "/api/v1/crm/dashboard", null));
    JsonNode stage = stage(overview.get("pipeline"), "booked");
    assertThat(stage.get("orders").asLong()).isEqualTo(open);
    assertThat(stage.get("stageName").asText()).isEqualTo("Забронирован");
    assertThat(overview.get("zone").asText()).isEqualTo("Europe/Moscow");
    assertThat(overview.get("breaches")).isNotEmpty();

    JsonNode heat = read(call("galina", HttpMethod.GET, "/api/v1/crm/dashboard/heatmap", null));
    JsonNode confirm = null;
    for (JsonNode row : heat) {
      if ("Task_ConfirmBooking".equals(row.get("activityId").asText())) {
        confirm = row;
      }
    }
    assertThat(confirm).as("the booking stage on the heatmap").isNotNull();
    assertThat(confirm.get("visits").asLong()).isPositive();
    assertThat(confirm.get("open").asLong()).isPositive();
    assertThat(booked.get("orderId").asLong()).isPositive();

    HttpHeaders xml = new HttpHeaders();
    xml.setBasicAuth("galina", "galina");
    xml.setAccept(List.of(MediaType.APPLICATION_XML));
    ResponseEntity<String> diagram = http.exchange("/api/v1/crm/dashboard/diagram", HttpMethod.GET,
        new HttpEntity<>(xml), String.class);
    assertThat(diagram.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(diagram.getBody()).contains("Task_ConfirmBooking", "bpmndi:BPMNShape");
  }

  @Test
  void thePageAndItsLibrariesAreServedByTheApplication() {
    ResponseEntity<String> page = call("galina", HttpMethod.GET, "/dashboard", null);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("Панель руководителя продаж", "/webjars/bpmn-js/", "/webjars/echarts/");
    for (String library : List.of("/webjars/echarts/5.3.1/dist/echarts.min.js",
        "/webjars/bpmn-js/8.0.0/dist/bpmn-navigated-viewer.production.min.js", "/dashboard/dashboard.js")) {
      assertThat(call("galina", HttpMethod.GET, library, null).getStatusCode()).as(library).isEqualTo(HttpStatus.OK);
    }
    assertThat(call("egor", HttpMethod.GET, "/dashboard", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("egor", HttpMethod.GET, "/api/v1/crm/dashboard", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void aBrowserWithoutLoginGoesToTheCamundaLoginAndComesInWithItsSession() throws Exception {
    var cookies = new java.net.CookieManager();
    var browser = java.net.http.HttpClient.newBuilder().cookieHandler(cookies)
        .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
    var anonymous = browser.send(get("/dashboard"), java.net.http.HttpResponse.BodyHandlers.discarding());
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location").orElseThrow()).contains("/camunda/app/welcome/default/");

    browser.send(get("/camunda/app/welcome/default/"), java.net.http.HttpResponse.BodyHandlers.discarding());
    var login = java.net.http.HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/welcome"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=galina&password=galina"));
    cookies.getCookieStore().getCookies().stream().filter(c -> "XSRF-TOKEN".equals(c.getName())).findFirst()
        .ifPresent(token -> login.header("X-XSRF-TOKEN", token.getValue()));
    assertThat(browser.send(login.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);

    var data = browser.send(get("/api/v1/crm/dashboard"), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(data.statusCode()).as(data.body()).isEqualTo(200);
    var page = browser.send(get("/dashboard"), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(page.body()).contains("Панель руководителя продаж");
    // reads leave the webapps' session as it is: the page's parallel requests all carry the id it was loaded with
    assertThat(data.headers().allValues("Set-Cookie")).isEmpty();
    assertThat(page.headers().allValues("Set-Cookie")).isEmpty();
    // a cookie never authorises a change
    var change = browser.send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/crm/orders"))
        .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            json.writeValueAsString(booking("dash-csrf-" + UUID.randomUUID(), false, false)))).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(change.statusCode()).isEqualTo(401);
  }

  private java.net.URI uri(String path) {
    return java.net.URI.create(http.getRootUri() + path);
  }

  private java.net.http.HttpRequest get(String path) {
    return java.net.http.HttpRequest.newBuilder(uri(path)).header("Accept", "text/html,application/json").GET().build();
  }

  @Test
  void theLatestSlaBacktestIsShownNextToTheHeatmapInRussian() {
    read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("dash-bt-" + UUID.randomUUID(), false,
        false)));
    OffsetDateTime from = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
    OffsetDateTime to = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5);
    // a candidate that gives "booked" no time at all: its visits breach, the deployed table's do not
    ResponseEntity<String> ran = CandidateTables.backtest(http, "olga", CandidateTables.table(
        CandidateTables.rule("Booked", "\"booked\"", "-", "PT0S", "manager")), null, from, to);
    assertThat(ran.getStatusCode()).as(ran.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode result = read(ran);

    JsonNode shown = read(call("galina", HttpMethod.GET, "/api/v1/crm/dashboard", null)).get("slaBacktest");
    assertThat(shown.get("ranBy").asText()).isEqualTo("olga");
    assertThat(shown.get("ranAtText").asText()).endsWith(" " + names.zoneName());
    assertThat(shown.get("periodText").asText()).isEqualTo(names.dateTime(from.toInstant()) + " — "
        + names.dateTime(to.toInstant()));
    assertThat(shown.get("candidate").asText()).isEqualTo(result.get("candidate").asText());
    assertThat(shown.get("baseline").asText()).isEqualTo(result.get("baseline").asText());
    assertThat(shown.get("visits").asLong()).isEqualTo(result.get("visits").asLong());
    for (String count : List.of("breaches", "warnings", "escalations", "stalls")) {
      assertThat(shown.at("/" + count + "/baseline").asLong()).as(count)
          .isEqualTo(result.at("/baselineTotals/" + count).asLong());
      assertThat(shown.at("/" + count + "/candidate").asLong()).as(count)
          .isEqualTo(result.at("/candidateTotals/" + count).asLong());
    }
    assertThat(shown.get("flippedToBreached").asLong()).isEqualTo(result.get("flippedToBreached").asLong());
    JsonNode booked = null;
    for (JsonNode stage : shown.get("stages")) {
      assertThat(stage.get("stageName").asText()).isEqualTo(names.stage(stage.get("stage").asText()));
      booked = "booked".equals(stage.get("stage").asText()) ? stage : booked;
    }
    assertThat(booked).as("the stage the candidate changes, by its name").isNotNull();
    assertThat(booked.at("/breaches/candidate").asLong()).isGreaterThan(booked.at("/breaches/baseline").asLong());

    assertThat(read(call("anna", HttpMethod.GET, "/api/v1/crm/dashboard", null)).path("slaBacktest").isNull())
        .as("a sales manager sees their own numbers only").isTrue();
  }

  @Test
  void aPeriodBackwardsIsABadRequest() {
    ResponseEntity<String> answer = call("galina", HttpMethod.GET,
        "/api/v1/crm/dashboard?from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z", null);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  private static JsonNode stage(JsonNode pipeline, String stage) {
    for (JsonNode row : pipeline) {
      if (stage.equals(row.get("stage").asText())) {
        return row;
      }
    }
    throw new AssertionError("no stage " + stage + " in " + pipeline);
  }
}
