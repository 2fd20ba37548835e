package com.cjmflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * §4 of the security review: races end with exactly one winner; every loser gets a 409 problem (never a 500, never
 * SQL text), and the state afterwards is consistent. All parties start together at a barrier.
 */
class ConflictAttackTest extends ApiTestSupport {

  private static final int PARALLEL = 20;

  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;

  @Test
  void twentyParallelCompletionsOfOneTaskHaveOneWinner() throws Exception {
    Booked order = book("race-task-1", false);
    String taskId = claimedTask("anna", order.processInstanceId(), "Task_ConfirmBooking");

    List<ResponseEntity<String>> answers = race(PARALLEL, () -> call("anna", HttpMethod.POST,
        "/engine-rest/task/" + taskId + "/complete",
        Map.of("variables", Map.of("reserveRequired", Map.of("value", false)))));

    assertOneWinner(answers, HttpStatus.NO_CONTENT);
    assertThat(count("crm_order_stage_instances where order_id = " + order.orderId()
        + " and stage = 'seller_check_in_progress'")).as("the next stage was entered once").isOne();
  }

  @Test
  void twentyParallelFollowupCompletionsHaveOneWinner() throws Exception {
    Booked order = book("race-followup-1", false);
    long followupId = read(call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + order.orderId() + "/followups",
        Map.of("subject", "Call back", "dueAt", "2099-01-01T10:00:00Z"))).get("id").asLong();

    List<ResponseEntity<String>> answers = race(PARALLEL, () -> call("anna", HttpMethod.PATCH,
        "/api/v1/crm/followups/" + followupId + "/complete", Map.of("outcome", "Reached")));

    assertOneWinner(answers, HttpStatus.OK);
    assertThat(jdbc.queryForObject("select status from crm_manager_followups where id = ?", String.class,
        followupId)).isEqualTo("completed");
  }

  @Test
  void aTaskCompletedWhileItsSlaTimerFiresEndsConsistent() throws Exception {
    for (int attempt = 0; attempt < 3; attempt++) {
      Booked order = book("race-timer-" + attempt, false);
      String taskId = claimedTask("anna", order.processInstanceId(), "Task_ConfirmBooking");
      Job breach = slaTimer(order.processInstanceId(), "BoundaryEvent_ConfirmBookingSlaBreached");

      List<Object> outcomes = raceAll(List.of(
          () -> call("anna", HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete",
              Map.of("variables", Map.of("reserveRequired", Map.of("value", false)))),
          () -> {
            management.executeJob(breach.getId());
            return "fired";
          }));

      ResponseEntity<?> completion = (ResponseEntity<?>) outcomes.get(0);
      assertThat(completion.getStatusCode().value()).as(String.valueOf(completion.getBody())).isIn(204, 409);
      if (completion.getStatusCode().value() == 409) {
        assertLoser(completion);
        // the loser tries again and wins: the timer has fired, the task is still open
        assertThat(call("anna", HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete",
            Map.of("variables", Map.of("reserveRequired", Map.of("value", false)))).getStatusCode())
            .isEqualTo(HttpStatus.NO_CONTENT);
      }
      assertThat(outcomes.get(1)).as("the timer fired or lost to the completion (the engine retries jobs)")
          .satisfiesAnyOf(o -> assertThat(o).isEqualTo("fired"),
              o -> assertThat(o.toString()).contains("OptimisticLockingException"),
              o -> assertThat(o.toString()).contains("No job found"));
      assertThat(history.createHistoricTaskInstanceQuery().taskId(taskId).finished().count()).isOne();
      assertThat(jdbc.queryForObject("select status from orders where id = ?", String.class, order.orderId()))
          .isEqualTo("seller_check_in_progress");
      assertThat(count("crm_order_stage_instances where order_id = " + order.orderId() + " and left_at is null"))
          .as("one open stage").isOne();
      assertThat(management.createJobQuery().processInstanceId(order.processInstanceId()).noRetriesLeft().count())
          .isZero();
      assertThat(runtime.createIncidentQuery().processInstanceId(order.processInstanceId()).count()).isZero();
    }
  }

  @Test
  void parallelPaymentsWithOneReferenceAreRecordedOnceAndMoveTheOrderOnce() throws Exception {
    Booked order = book("race-payment-1", true);
    work("anna", order.processInstanceId(), "Task_ConfirmBooking", Map.of("reserveRequired", true));

    List<ResponseEntity<String>> answers = race(PARALLEL, () -> call("booking", HttpMethod.POST,
        "/api/v1/crm/orders/" + order.orderId() + "/payments",
        Map.of("kind", "reserve", "amount", 100, "paidAt", "2026-12-01T10:00:00Z", "reference", "BANK-RACE-1")));

    List<Integer> statuses = answers.stream().map(a -> a.getStatusCode().value()).toList();
    assertThat(statuses).as(bodies(answers)).isSubsetOf(201, 200, 409);
    assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
    answers.stream().filter(a -> a.getStatusCode().value() == 409).forEach(this::assertLoser);
    assertThat(answers.stream().filter(a -> a.getStatusCode().is2xxSuccessful())
        .map(a -> read(a).get("id").asLong()).distinct()).hasSize(1);
    assertThat(count("payments where order_id = " + order.orderId())).isOne();
    assertThat(count("crm_order_stage_instances where order_id = " + order.orderId() + " and stage = 'reserve_paid'"))
        .isOne();
  }

  @Test
  void twoParallelCancellationsHaveOneWinner() throws Exception {
    Booked order = book("race-cancel-1", false);

    List<ResponseEntity<String>> answers = race(2, () -> call("anna", HttpMethod.POST,
        "/api/v1/crm/orders/" + order.orderId() + "/cancellation", Map.of("reason", "double click")));

    assertOneWinner(answers, HttpStatus.ACCEPTED);
    assertThat(count("crm_journey_events where order_id = " + order.orderId()
        + " and event_type = 'cancellation_requested'")).isOne();
    assertThat(status(order.orderId())).isEqualTo("cancelled");
  }

  @Test
  void aCancellationRacingACompletionEndsConsistent() throws Exception {
    Booked order = book("race-cancel-2", false);
    String taskId = claimedTask("anna", order.processInstanceId(), "Task_ConfirmBooking");

    List<Object> outcomes = raceAll(List.of(
        () -> call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + order.orderId() + "/cancellation",
            Map.of("reason", "changed mind")),
        () -> call("anna", HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete",
            Map.of("variables", Map.of("reserveRequired", Map.of("value", false))))));

    ResponseEntity<?> cancel = (ResponseEntity<?>) outcomes.get(0);
    ResponseEntity<?> complete = (ResponseEntity<?>) outcomes.get(1);
    assertThat(cancel.getStatusCode().value()).as(String.valueOf(cancel.getBody())).isIn(202, 409);
    assertThat(complete.getStatusCode().value()).as(String.valueOf(complete.getBody())).isIn(204, 409);
    assertThat(cancel.getStatusCode().is2xxSuccessful() || complete.getStatusCode().is2xxSuccessful()).isTrue();
    for (ResponseEntity<?> answer : List.of(cancel, complete)) {
      if (answer.getStatusCode().value() == 409) {
        assertLoser(answer);
      }
    }
    assertThat(status(order.orderId()))
        .isEqualTo(cancel.getStatusCode().is2xxSuccessful() ? "cancelled" : "seller_check_in_progress");
  }

  @Test
  void orderBookedTwiceThroughTheEngineAnswers409NamingTheExistingOrder() throws Exception {
    warmUp();
    ResponseEntity<String> first = call("booking", HttpMethod.POST, "/engine-rest/message", orderBooked("race-msg-1"));
    assertThat(first.getStatusCode().is2xxSuccessful()).as(first.getBody()).isTrue();
    long orderId = jdbc.queryForObject("select id from orders where external_id = 'race-msg-1'", Long.class);

    ResponseEntity<String> again = call("booking", HttpMethod.POST, "/engine-rest/message", orderBooked("race-msg-1"));
    assertOrderExists(again, orderId);

    List<ResponseEntity<String>> parallel = race(5, () -> call("booking", HttpMethod.POST, "/engine-rest/message",
        orderBooked("race-msg-2")));
    assertThat(parallel.stream().filter(a -> a.getStatusCode().is2xxSuccessful())).as(bodies(parallel)).hasSize(1);
    long winner = jdbc.queryForObject("select id from orders where external_id = 'race-msg-2'", Long.class);
    parallel.stream().filter(a -> !a.getStatusCode().is2xxSuccessful()).forEach(a -> assertOrderExists(a, winner));
    assertThat(count("orders where external_id in ('race-msg-1', 'race-msg-2')")).isEqualTo(2);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("order-flow")
        .processInstanceBusinessKey(String.valueOf(winner)).count()).isOne();
  }

  @Test
  void parallelBookingsOfOneExternalIdAnswerWithTheSameOrder() throws Exception {
    warmUp();
    List<ResponseEntity<String>> answers = race(10, () -> call("booking", HttpMethod.POST, "/api/v1/crm/orders",
        booking("race-book-1", false, false)));

    List<Integer> statuses = answers.stream().map(a -> a.getStatusCode().value()).toList();
    assertThat(statuses).as(bodies(answers)).isSubsetOf(201, 200);
    assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
    assertThat(answers.stream().map(a -> read(a).get("orderId").asLong()).distinct()).hasSize(1);
    assertThat(count("orders where external_id = 'race-book-1'")).isOne();
  }

  @Test
  void aDoubleClickOnHoldPausesOnceAndResumeWorks() throws Exception {
    Booked order = book("race-hold-1", false);

    List<ResponseEntity<String>> answers = race(2, () -> call("anna", HttpMethod.POST,
        "/api/v1/crm/orders/" + order.orderId() + "/hold", Map.of("reason", "double click")));

    assertOneWinner(answers, HttpStatus.CREATED);
    assertThat(count("crm_stage_pauses where order_id = " + order.orderId())).isOne();
    ResponseEntity<String> resumed = call("anna", HttpMethod.POST,
        "/api/v1/crm/orders/" + order.orderId() + "/hold/resume", null);
    assertThat(resumed.getStatusCode()).as(resumed.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(count("crm_stage_pauses where order_id = " + order.orderId() + " and ended_at is null")).isZero();
    assertThat(management.createJobQuery().processInstanceId(order.processInstanceId()).suspended().count())
        .as("the SLA timers run again").isZero();
    assertThat(management.createJobQuery().processInstanceId(order.processInstanceId()).timers().count())
        .as("the stage's SLA ladder: one timer job").isEqualTo(1);
  }

  @Test
  void aDoubleClickOnResumeResumesOnce() throws Exception {
    Booked order = book("race-hold-2", false);
    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + order.orderId() + "/hold",
        Map.of("reason", "waiting")).getStatusCode()).isEqualTo(HttpStatus.CREATED);

    List<ResponseEntity<String>> answers = race(2, () -> call("anna", HttpMethod.POST,
        "/api/v1/crm/orders/" + order.orderId() + "/hold/resume", null));

    assertOneWinner(answers, HttpStatus.OK);
    assertThat(count("crm_stage_pauses where order_id = " + order.orderId() + " and ended_at is null")).isZero();
    assertThat(management.createJobQuery().processInstanceId(order.processInstanceId()).suspended().count()).isZero();
  }

  /**
   * The first booking of a JVM loads the business calendars (seconds on a busy machine); a parallel loser waits for
   * the winner's commit only so long (H2's lock timeout plus the registration's wait), so the race starts warm.
   */
  private void warmUp() {
    book("race-warmup-" + java.util.UUID.randomUUID(), false);
  }

  private record Booked(long orderId, String processInstanceId) {}

  private Booked book(String externalId, boolean reserve) {
    JsonNode booked = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking(externalId, reserve, false)));
    return new Booked(booked.get("orderId").asLong(), booked.get("processInstanceId").asText());
  }

  private String claimedTask(String user, String processInstanceId, String activityId) {
    String taskId = read(call(user, HttpMethod.GET, "/engine-rest/task?processInstanceId=" + processInstanceId
        + "&taskDefinitionKey=" + activityId, null)).get(0).get("id").asText();
    assertThat(call(user, HttpMethod.POST, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", user))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    return taskId;
  }

  private static Map<String, Object> orderBooked(String externalId) {
    return Map.of("messageName", "OrderBooked", "processVariables", Map.of(
        "externalId", Map.of("value", externalId), "customerName", Map.of("value", "Ivan Petrov"),
        "customerEmail", Map.of("value", externalId + "@example.ru"), "bikeTitle", Map.of("value", "Canyon"),
        "sellerCountry", Map.of("value", "DE"), "priceEur", Map.of("value", 1850, "type", "Long"),
        "reserveRequired", Map.of("value", false), "expertInspection", Map.of("value", false)));
  }

  private void assertOrderExists(ResponseEntity<String> answer, long orderId) {
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.CONFLICT);
    assertNoInternals(answer);
    JsonNode problem = read(answer);
    assertThat(problem.get("type").asText()).isEqualTo("urn:cjm:problem:order-exists");
    assertThat(problem.get("orderId").asLong()).isEqualTo(orderId);
  }

  private void assertOneWinner(List<ResponseEntity<String>> answers, HttpStatus winner) {
    List<Integer> statuses = answers.stream().map(a -> a.getStatusCode().value()).toList();
    assertThat(statuses).as(bodies(answers)).containsOnly(winner.value(), 409);
    assertThat(statuses.stream().filter(s -> s == winner.value())).as("one winner").hasSize(1);
    answers.stream().filter(a -> a.getStatusCode().value() == 409).forEach(this::assertLoser);
  }

  private void assertLoser(ResponseEntity<?> answer) {
    assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
    JsonNode problem = read(ResponseEntity.ok(String.valueOf(answer.getBody())));
    assertThat(problem.get("type").asText()).startsWith("urn:cjm:problem:");
    assertThat(problem.get("status").asInt()).isEqualTo(409);
    assertNoInternals(answer);
  }

  private static void assertNoInternals(ResponseEntity<?> answer) {
    assertThat(String.valueOf(answer.getBody())).doesNotContainIgnoringCase("sql").doesNotContainIgnoringCase("uq_")
        .doesNotContainIgnoringCase("constraint").doesNotContainIgnoringCase("insert into")
        .doesNotContain("ENGINE-").doesNotContain("\tat ");
  }

  private static String bodies(List<ResponseEntity<String>> answers) {
    return answers.stream().map(a -> a.getStatusCode().value() + " " + a.getBody()).toList().toString();
  }

  /** Runs the same call n times, all released together. */
  private static <T> List<T> race(int n, Callable<T> call) throws Exception {
    List<Callable<Object>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(call::call);
    }
    @SuppressWarnings("unchecked")
    List<T> results = (List<T>) (List<?>) raceAll(calls);
    return results;
  }

  /** Runs the calls released together; a call that throws yields its exception as the outcome. */
  private static List<Object> raceAll(List<Callable<Object>> calls) throws Exception {
    CyclicBarrier start = new CyclicBarrier(calls.size());
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      List<Future<Object>> futures = new ArrayList<>();
      for (Callable<Object> call : calls) {
        futures.add(pool.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          try {
            return call.call();
          } catch (Exception e) {
            return e;
          }
        }));
      }
      List<Object> outcomes = new ArrayList<>();
      for (Future<Object> future : futures) {
        outcomes.add(future.get(2, TimeUnit.MINUTES));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private String status(long orderId) {
    return jdbc.queryForObject("select status from orders where id = ?", String.class, orderId);
  }
}
