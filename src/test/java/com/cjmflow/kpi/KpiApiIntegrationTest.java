package com.cjmflow.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

/** POST /api/v1/crm/kpi/recompute, GET /api/v1/crm/kpi/runs/{id}, GET /api/v1/crm/managers/{id}/scorecard. */
class KpiApiIntegrationTest extends ApiTestSupport {

  @Autowired KpiRuns runs;
  @Autowired KpiLock lock;
  @Autowired TestClock clock;

  @Test
  void recomputeRunsInTheBackgroundToDoneAndTheScorecardShowsItsComponents() throws Exception {
    // given two generated weeks for two managers
    KpiDataGenerator data = new KpiDataGenerator(jdbc, "ka" + UUID.randomUUID().toString().substring(0, 6), 2, 7,
        false);
    data.generate(LocalDate.of(2025, 6, 2), LocalDate.of(2025, 6, 15), 4);

    // when the head of sales starts a recompute of those days
    ResponseEntity<String> started = call("galina", HttpMethod.POST, "/api/v1/crm/kpi/recompute",
        Map.of("from", "2025-06-02", "to", "2025-06-15"));

    // then 202 with a run that reaches 'done' with all days done
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    String runId = read(started).get("id").asText();
    assertThat(started.getHeaders().getLocation()).hasToString("/api/v1/crm/kpi/runs/" + runId);
    runs.await(runId, Duration.ofMinutes(2));
    JsonNode run = read(call("galina", HttpMethod.GET, "/api/v1/crm/kpi/runs/" + runId, null));
    assertThat(run.get("status").asText()).isEqualTo("done");
    assertThat(run.get("daysTotal").asInt()).isEqualTo(14);
    assertThat(run.get("daysDone").asInt()).isEqualTo(14);
    assertThat(run.get("finishedAt").isNull()).isFalse();

    // and the scorecard of a generated manager has every component, a 0-100 score and the daily facts behind it
    String manager = data.managers.get(0);
    ResponseEntity<String> response = call("olga", HttpMethod.GET,
        "/api/v1/crm/managers/" + manager + "/scorecard?period=2025-06-02..2025-06-15", null);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode card = read(response);
    assertThat(card.get("periodKind").asText()).isEqualTo("custom");
    assertThat(card.get("score").asDouble()).isBetween(0.0, 100.0);
    assertThat(card.get("components")).hasSize(6);
    assertThat(card.get("groupScores").has("execution_quality")).isTrue();
    assertThat(card.get("dailyFacts").size()).isBetween(1, 14);
    assertThat(card.toString()).doesNotContain("lead_to_booked");
    assertThat(jdbc.queryForObject("select count(*) from manager_kpi_period_scorecards where manager_id = ?",
        Long.class, manager)).isEqualTo(1);

    // and the website KPI is kept apart: its own table, never a manager column
    assertThat(jdbc.queryForObject("select count(*) from crm_website_kpi_daily where fact_date = ?", Long.class,
        LocalDate.of(2025, 6, 3))).isEqualTo(1);
    Map<String, Object> factRow = jdbc.queryForList("select * from manager_kpi_daily_facts").get(0);
    assertThat(factRow.keySet()).noneMatch(column -> column.toLowerCase().contains("lead"));
  }

  @Test
  void aSecondRunWhileOneHoldsTheLockIs409AndNothingIsWritten() {
    String holder = UUID.randomUUID().toString();
    assertThat(lock.tryAcquire(holder)).isTrue();
    try {
      long before = count("crm_kpi_runs");
      ResponseEntity<String> response = call("olga", HttpMethod.POST, "/api/v1/crm/kpi/recompute", null);
      assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
      assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
      assertThat(count("crm_kpi_runs")).isEqualTo(before);
      assertThat(lock.tryAcquire(UUID.randomUUID().toString())).isFalse();
    } finally {
      lock.release(holder);
    }
  }

  @Test
  void aLockWhoseHolderStoppedBeatingIsTakenOverAndTheFormerHolderFreesNothing() {
    // given two nodes' locks on the one table, and a run on this node holding the lock
    KpiLock otherNode = new KpiLock(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
        .withJdbcTemplate(jdbc).withLockedByValue("other-node").usingDbTime().build()), clock);
    String crashed = UUID.randomUUID().toString();
    String next = UUID.randomUUID().toString();
    assertThat(lock.tryAcquire(crashed)).isTrue();
    assertThat(lock.heartbeat(crashed)).isTrue();
    assertThat(otherNode.tryAcquire(next)).isFalse();
    try {
      // when its last beat is older than the stale timeout
      jdbc.update("update shedlock set lock_until = locked_at - interval '1' minute where name = ?", KpiLock.NAME);

      // then the other node's run takes the lock over, and the former holder neither frees nor keeps it
      assertThat(otherNode.tryAcquire(next)).isTrue();
      lock.release(crashed);
      assertThat(lock.tryAcquire(UUID.randomUUID().toString())).isFalse();
      assertThat(lock.heartbeat(crashed)).isFalse();
    } finally {
      otherNode.release(next);
    }
    String after = UUID.randomUUID().toString();
    assertThat(lock.tryAcquire(after)).isTrue();
    lock.release(after);
  }

  @Test
  void invalidRecomputeRequestsAre4xxProblemsAndWriteNothing() {
    long before = count("crm_kpi_runs");
    Map<String, Object> unknownField = new HashMap<>(Map.of("from", "2025-06-02", "color", "red"));
    assertProblem(call("galina", HttpMethod.POST, "/api/v1/crm/kpi/recompute", unknownField), HttpStatus.BAD_REQUEST);
    assertProblem(call("galina", HttpMethod.POST, "/api/v1/crm/kpi/recompute",
        Map.of("from", "2025-06-10", "to", "2025-06-01")), HttpStatus.UNPROCESSABLE_ENTITY);
    assertProblem(call("galina", HttpMethod.POST, "/api/v1/crm/kpi/recompute", Map.of("from", "not-a-date")),
        HttpStatus.BAD_REQUEST);
    assertProblem(call("anna", HttpMethod.POST, "/api/v1/crm/kpi/recompute", null), HttpStatus.FORBIDDEN);
    assertThat(count("crm_kpi_runs")).isEqualTo(before);
    assertProblem(call("galina", HttpMethod.GET, "/api/v1/crm/kpi/runs/" + UUID.randomUUID(), null),
        HttpStatus.NOT_FOUND);
  }

  @Test
  void aManagerReadsOnlyTheirOwnScorecard() {
    long before = count("manager_kpi_period_scorecards");
    assertProblem(call("anna", HttpMethod.GET, "/api/v1/crm/managers/boris/scorecard?period=week", null),
        HttpStatus.FORBIDDEN);
    assertThat(count("manager_kpi_period_scorecards")).isEqualTo(before);
    ResponseEntity<String> own = call("anna", HttpMethod.GET, "/api/v1/crm/managers/anna/scorecard?period=month", null);
    assertThat(own.getStatusCode()).as(own.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(read(own).get("periodKind").asText()).isEqualTo("month");
    assertThat(read(own).get("components")).hasSize(6);
  }

  @Test
  void badPeriodsAre400AndUnknownManagers404() {
    long before = count("manager_kpi_period_scorecards");
    for (String period : new String[] {"yesterday", "2026-13-01..2026-13-02", "2026-11-15..2026-11-01",
        "2024-01-01..2026-01-01"}) {
      assertProblem(call("galina", HttpMethod.GET, "/api/v1/crm/managers/anna/scorecard?period=" + period, null),
          HttpStatus.BAD_REQUEST);
    }
    assertProblem(call("galina", HttpMethod.GET, "/api/v1/crm/managers/nobody-" + UUID.randomUUID()
        + "/scorecard?period=week", null), HttpStatus.NOT_FOUND);
    assertThat(count("manager_kpi_period_scorecards")).isEqualTo(before);
  }

  private static void assertProblem(ResponseEntity<String> response, HttpStatus status) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }
}
