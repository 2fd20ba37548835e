package com.cjmflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.cjmflow.platform.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One shared Spring context for the API tests: the real service on a random port, demo users (password = user id),
 * no job executor (timers are executed explicitly). Runs on H2, or on PostgreSQL with {@code -Dspring.profiles.active=postgres}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"cjm.demo-data.enabled=true", "camunda.bpm.job-execution.enabled=false",
        "cjm.notifications.dispatcher.enabled=false", "spring.mail.host=127.0.0.1",
        "spring.mail.properties.mail.smtp.connectiontimeout=5000", "spring.mail.properties.mail.smtp.timeout=5000"})
@Import(ApiTestSupport.TestTime.class)
public abstract class ApiTestSupport {

  /**
   * The SMTP port of the one test context; mail tests start GreenMail on it. Keeping a single Spring context matters:
   * every context registers its engine as "default" in Camunda's static registry, which the REST layer reads.
   */
  public static final int SMTP_PORT = freePort();

  @DynamicPropertySource
  static void smtpPort(DynamicPropertyRegistry properties) {
    properties.add("spring.mail.port", () -> SMTP_PORT);
  }

  /**
   * The service's one clock (the engine's {@code ClockUtil}, see {@code platform.EngineClock}) with a way to move it
   * forward: engine timers, CRM rows and the notification dispatcher all move together. {@code ClockUtil.reset()}
   * (every clock test's clean-up) puts it back.
   */
  public static final class TestClock extends Clock {
    private final EngineClock engine = new EngineClock();

    /** Moves the running engine clock {@code by} further ahead. */
    public void advance(Duration by) {
      ClockUtil.offset(instant().plus(by).toEpochMilli() - System.currentTimeMillis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return engine.withZone(zone);
    }

    @Override
    public Instant instant() {
      return engine.instant();
    }
  }

  @TestConfiguration
  static class TestTime {
    @Bean
    @Primary
    TestClock testClock() {
      return new TestClock();
    }

    /** Counts SQL statements and rows written for the cost tests ({@link SqlStatements}); idle otherwise. */
    @Bean
    static org.springframework.beans.factory.config.BeanPostProcessor sqlStatements() {
      return SqlStatements.wrapper();
    }

    /** Counts a recorded call's statements on its server thread too ({@link SqlStatements#HEADER}), first of all. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<jakarta.servlet.Filter> sqlStatementsFilter() {
      var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(SqlStatements.filter());
      registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
      return registration;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Autowired protected TestRestTemplate http;
  @Autowired protected JdbcTemplate jdbc;
  @Autowired protected ObjectMapper json;
  @Autowired protected ManagementService management;
  @Autowired protected DecisionService decisions;
  @Autowired protected org.camunda.bpm.engine.RuntimeService engineRuntime;
  @Autowired protected org.camunda.bpm.engine.RepositoryService engineRepository;

  /**
   * The row of the deployed {@code stage-sla} table for a stage and customer tier (output name → value), so tests
   * follow the process owner's table instead of pinning its values.
   */
  protected Map<String, Object> stageSla(String stage, String customerTier) {
    return decisions.evaluateDecisionTableByKey("stage-sla",
        org.camunda.bpm.engine.variable.Variables.putValue("stage", stage).putValue("customerTier", customerTier))
        .getFirstResult().getEntryMap();
  }

  /** The timer job of a boundary event that is armed now (a stage's SLA ladder has one at a time: see slaTimer). */
  protected Job timer(String processInstanceId, String activityId) {
    return management.createJobQuery().processInstanceId(processInstanceId).timers().list().stream()
        .filter(job -> activityId.equals(management.createJobDefinitionQuery()
            .jobDefinitionId(job.getJobDefinitionId()).singleResult().getActivityId()))
        .findFirst().orElseThrow(() -> new AssertionError("no timer at " + activityId));
  }

  /**
   * The job of an SLA rung of a stage. A stage's SLA timers are a ladder with one job at a time (warning, then
   * breach, then escalation): the earlier rungs of the same wait state fire first, each at its due date, as the job
   * executor would, until the rung at {@code activityId} is armed.
   */
  protected Job slaTimer(String processInstanceId, String activityId) {
    for (int rung = 0; rung < 10; rung++) {
      var armed = timers(processInstanceId).filter(job -> activityId.equals(activityOf(job))).findFirst();
      if (armed.isPresent()) {
        return armed.get();
      }
      String definition = engineRuntime.createProcessInstanceQuery().processInstanceId(processInstanceId)
          .singleResult().getProcessDefinitionId();
      var model = engineRepository.getBpmnModelInstance(definition);
      String waitState = ((org.camunda.bpm.model.bpmn.instance.BoundaryEvent) model.getModelElementById(activityId))
          .getAttachedTo().getId();
      Job earlier = timers(processInstanceId).filter(job -> model.getModelElementById(activityOf(job))
              instanceof org.camunda.bpm.model.bpmn.instance.BoundaryEvent boundary
              && waitState.equals(boundary.getAttachedTo().getId()))
          .findFirst().orElseThrow(() -> new AssertionError("no SLA timer armed at " + waitState));
      ClockUtil.setCurrentTime(earlier.getDuedate());
      management.executeJob(earlier.getId());
    }
    throw new AssertionError("no timer at " + activityId);
  }

  private java.util.stream.Stream<Job> timers(String processInstanceId) {
    return management.createJobQuery().processInstanceId(processInstanceId).timers().list().stream();
  }

  private String activityOf(Job job) {
    return management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult()
        .getActivityId();
  }

  /** A call as a demo user; {@code null} user means no credentials. */
  protected ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
    if (user != null) {
      headers.setBasicAuth(user, user);
    }
    String recording = SqlStatements.recordingOfThisThread();
    if (recording != null) {
      headers.set(SqlStatements.HEADER, recording);
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

  /** A user of its own (password = id, mail {@code <id>@cjmflow.example}), in no group. */
  protected static String newUser(org.camunda.bpm.engine.IdentityService identity, String prefix) {
    String id = prefix + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    org.camunda.bpm.engine.identity.User user = identity.newUser(id);
    user.setPassword(id);
    user.setEmail(id + "@cjmflow.example");
    identity.saveUser(user);
    return id;
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
