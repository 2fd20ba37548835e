package com.cjmflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Drives one complete order the way its users do — booking over the CRM API, every task submitted over the engine
 * REST API as the role that works it, the full payment as a message — and records the SQL of every step
 * ({@link SqlStatements}). Finding a task is not part of a step, nor (see {@link #assignmentInStep}) giving it
 * to its user. Shared by the cost budget test and the benchmark suite.
 */
public abstract class OrderCostSupport extends ApiTestSupport {

  /** One recorded step of an order: what it is, how long it took and what it sent to the database. */
  public record Step(String name, long nanos, SqlStatements.Counts sql) {}

  /** A driven order: its id, process instance and steps in order. */
  public record Run(long orderId, String processInstanceId, List<Step> steps) {}

  /** The tasks of the standard path (no reserve, no expert), who works them and what they submit. */
  protected static final List<Object[]> PATH = List.of(
      new Object[] {"anna", "Task_ConfirmBooking", Map.of("reserveRequired", false)},
      new Object[] {"anna", "Task_CheckBikeWithSeller", Map.of("bikeCondition", "good",
          "photoUrl", "https://photos.example/1", "confirmedPriceEur", 1850, "sellerContact", "Hans")},
      new Object[] {"anna", "Task_PresentCheckReport", Map.of("reportChannel", "whatsapp",
          "reportSummary", "All good")},
      new Object[] {"boris", "Task_RecordClientDecision", Map.of("clientDecision", "buy",
          "expertInspection", false, "decisionReason", "Happy")},
      new Object[] {"booking", "Message_FullPaymentReceived", Map.of()},
      new Object[] {"anna", "Task_BuyOutBike", Map.of("buyoutAmountEur", 1700, "buyoutReceiptRef", "B-1")},
      new Object[] {"anna", "Task_RecordSellerShipment", Map.of("sellerCarrier", "DHL",
          "sellerTrackingNumber", "JD014600006281")},
      new Object[] {"vera", "Task_ReceiveBikeAtWarehouse", Map.of("packageCondition", "intact")},
      new Object[] {"vera", "Task_RepackBike", Map.of("packedWeightKg", 14.5, "packedSizeCm", "140x30x80")},
      new Object[] {"lev", "Task_ShipToRussia", Map.of("russiaCarrier", "CDEK", "russiaTrackingNumber", "CD123456")},
      new Object[] {"lev", "Task_ConfirmDelivery", Map.of("deliveryDate", "2026-12-10")},
      new Object[] {"anna", "Task_CloseOrder", Map.of("clientRating", "5", "closingFeedback", "Great")});

  @Autowired protected TaskService taskService;

  /** Books and drives one order from booking to closed, recording every step. */
  protected Run driveOrder(String externalId) {
    List<Step> steps = new ArrayList<>();
    var booked = step(steps, "book order", () -> call("booking", HttpMethod.POST, "/api/v1/crm/orders",
        booking(externalId, false, false)));
    assertThat(booked.getStatusCode().value()).as(booked.getBody()).isEqualTo(201);
    long orderId = read(booked).get("orderId").asLong();
    String processInstanceId = read(booked).get("processInstanceId").asText();
    for (Object[] task : PATH) {
      String name = ((String) task[1]).startsWith("Message_") ? "message FullPaymentReceived" : "complete " + task[1];
      var done = step(steps, name, prepare(orderId, processInstanceId, task));
      assertThat(done.getStatusCode().is2xxSuccessful()).as(done.getBody()).isTrue();
    }
    assertThat(jdbc.queryForObject("select status from orders where id = ?", String.class, orderId))
        .isEqualTo("closed");
    return new Run(orderId, processInstanceId, steps);
  }

  /**
   * One step of {@link #PATH} on an order, over the REST API as the role that works it: the message, or the open
   * task's form submitted. Finding the task happens now, outside the step, and so does giving it to that user when it
   * is someone else's, unless {@link #assignmentInStep}; the returned call is the step.
   */
  protected java.util.function.Supplier<ResponseEntity<String>> prepare(long orderId, String processInstanceId,
      Object[] task) {
    String user = (String) task[0];
    String activity = (String) task[1];
    @SuppressWarnings("unchecked")
    Map<String, Object> values = (Map<String, Object>) task[2];
    if (activity.startsWith("Message_")) {
      return () -> call(user, HttpMethod.POST, "/engine-rest/message", Map.of("messageName", "FullPaymentReceived",
          "businessKey", String.valueOf(orderId),
          "processVariables", Map.of("fullPaid", Map.of("value", true, "type", "Boolean"))));
    }
    Task open = taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(activity)
        .singleResult();
    assertThat(open).as("%s open", activity).isNotNull();
    // continuity may have given it to the previous task's manager; a task already the user's is worked as it is
    boolean reassign = !user.equals(open.getAssignee());
    if (reassign && !assignmentInStep()) {
      taskService.setAssignee(open.getId(), user);
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    // a tracking number is recorded once per carrier: each order gets its own
    values.forEach((name, value) -> variables.put(name, Map.of("value",
        name.endsWith("TrackingNumber") ? value + "-" + orderId : value)));
    return () -> {
      if (reassign && assignmentInStep()) {
        taskService.setAssignee(open.getId(), user);
      }
      return call(user, HttpMethod.POST, "/engine-rest/task/" + open.getId() + "/submit-form",
          Map.of("variables", variables));
    };
  }

  /**
   * Whether giving a task to the user who works it is counted in the step that completes it. Off for the budget test
   * (its counts are the order's own work); on for the benchmark, which counts a bare chain's claims too: a task is
   * assigned before it is worked in both, here mostly by continuity at its creation, there by a claim.
   */
  protected boolean assignmentInStep() {
    return false;
  }

  /** Records one step. */
  protected Step record(String name, java.util.function.Supplier<ResponseEntity<String>> call) {
    long start = System.nanoTime();
    var recorded = SqlStatements.record(call);
    return new Step(name, System.nanoTime() - start, recorded.getValue());
  }

  private ResponseEntity<String> step(List<Step> steps, String name,
      java.util.function.Supplier<ResponseEntity<String>> call) {
    long start = System.nanoTime();
    var recorded = SqlStatements.record(call);
    steps.add(new Step(name, System.nanoTime() - start, recorded.getValue()));
    return recorded.getKey();
  }

  /** The sum of a run's statements of one verb, or all with {@code null}. */
  protected static long statements(Run run, String verb) {
    return run.steps().stream().mapToLong(s -> verb == null ? s.sql().total() : s.sql().of(verb)).sum();
  }

  /**
   * Statements asked once per few seconds of wall time, not per order: a login's verification (its user, groups and
   * tenants) when its cache entry aged out, and the node's beliefs refreshed every 5 s (whether any revoke
   * authorization exists; the latest version of a decision table). How many fall into an order's steps depends on
   * how fast the machine runs them.
   */
  private static final List<String> PER_WALL_TIME = List.of(
      "select distinct RES.* from ACT_ID_USER RES WHERE RES.ID_ = ?",
      "select distinct RES.* from ACT_ID_GROUP RES inner join ACT_ID_MEMBERSHIP",
      "select distinct RES.* from ACT_ID_TENANT RES inner join ACT_ID_TENANT_MEMBER",
      "select case when exists (select ID_ from ACT_RU_AUTHORIZATION where TYPE_ = 2)",
      "select * from ACT_RE_DECISION_DEF d1 inner join (select KEY_, TENANT_ID_, max(VERSION_)");

  /** A run's statements but those asked per wall time ({@link #PER_WALL_TIME}): deterministic on any machine. */
  protected static long statementsPerOrder(Run run) {
    return statements(run, null) - run.steps().stream()
        .mapToLong(s -> PER_WALL_TIME.stream().mapToLong(sql -> matching(s.sql(), sql)).sum()).sum();
  }

  protected static long rowsWritten(Run run) {
    return run.steps().stream().mapToLong(s -> s.sql().rowsWritten()).sum();
  }

  /** How often statements starting with {@code prefix} (case-insensitive) ran in a step. */
  protected static long matching(SqlStatements.Counts counts, String prefix) {
    return counts.byStatement().entrySet().stream()
        .filter(e -> e.getKey().toLowerCase().startsWith(prefix.toLowerCase())).mapToLong(Map.Entry::getValue).sum();
  }
}
