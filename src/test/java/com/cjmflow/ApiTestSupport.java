package com.cjmflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One shared Spring context for the API tests: the real service on a random port, demo users (password = user id),
 * no job executor (timers are executed explicitly). Runs on H2, or on PostgreSQL with {@code -Dspring.profiles.active=postgres}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"cjm.demo-data.enabled=true", "camunda.bpm.job-execution.enabled=false",
        "cjm.notifications.dispatcher.enabled=false"})
public abstract class ApiTestSupport {

  @Autowired protected TestRestTemplate http;
  @Autowired protected JdbcTemplate jdbc;
  @Autowired protected ObjectMapper json;

  /** A call as a demo user; {@code null} user means no credentials. */
  protected ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
    if (user != null) {
      headers.setBasicAuth(user, user);
    }
    return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }

  protected JsonNode read(ResponseEntity<String> response) {
    try {
      return json.readTree(response.getBody() == null ? "null" : response.getBody());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  protected static Map<String, Object> booking(String externalId, boolean reserve, boolean expert) {
    return Map.of("externalId", externalId,
        "customer", Map.of("name", "Ivan Petrov", "phone", "+7 900 000-00-00", "email", externalId + "@example.ru",
            "tier", "standard"),
        "bike", Map.of("title", "Canyon Ultimate CF SL 2022", "sellerCountry", "DE", "priceEur", 1850),
        "reserveRequired", reserve, "expertInspection", expert);
  }

  protected long count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Long.class);
  }

  /** What a user does in Tasklist: find the task, open its form, claim it, submit the form. */
  protected void work(String user, String processInstanceId, String activityId, Map<String, Object> values) {
    JsonNode tasks = read(call(user, HttpMethod.GET,
        "/engine-rest/task?processInstanceId=" + processInstanceId + "&taskDefinitionKey=" + activityId, null));
    assertThat(tasks).as("%s sees %s", user, activityId).hasSize(1);
    String taskId = tasks.get(0).get("id").asText();

    ResponseEntity<String> form = call(user, HttpMethod.GET, "/engine-rest/task/" + taskId + "/deployed-form", null);
    assertThat(form.getStatusCode()).as("form of %s", activityId).isEqualTo(HttpStatus.OK);
    assertThat(read(form).get("components")).isNotEmpty();

    assertThat(call(user, HttpMethod.POST, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", user))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    ResponseEntity<String> submitted = call(user, HttpMethod.POST, "/engine-rest/task/" + taskId + "/submit-form",
        Map.of("variables", variables));
    assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
  }
}
