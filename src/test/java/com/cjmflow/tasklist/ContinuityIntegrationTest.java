package com.cjmflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;

/**
 * Continuity asks holacracy: the next task of an order goes to the manager who worked the previous one while they
 * fill the role now and are present; otherwise it stays with the role, unassigned. Each test has managers of its
 * own, assigned to the sales role through the holacracy API.
 */
class ContinuityIntegrationTest extends ApiTestSupport {

  @Autowired IdentityService identity;
  @Autowired TaskService tasks;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theNextTaskGoesToTheManagerWhoFillsTheRole() {
    String manager = salesManager("ck", null);
    String pi = book();

    work(manager, pi, "Task_ConfirmBooking", Map.of("reserveRequired", false));

    assertThat(next(pi).getAssignee()).isEqualTo(manager);
  }

  @Test
  void anAbsentManagersNextTaskStaysWithTheRole() {
    String manager = salesManager("ca", null);
    String pi = book();
    OffsetDateTime now = com.cjmflow.platform.EngineClock.now().truncatedTo(ChronoUnit.SECONDS);
    ResponseEntity<String> absent = call(manager, HttpMethod.PATCH, "/api/v1/crm/holacracy/members/" + manager
        + "/profile", Map.of("absences", List.of(Map.of("from", now.minusHours(1).toString(),
            "until", now.plusDays(3).toString()))));
    assertThat(absent.getStatusCode()).as(absent.getBody()).isEqualTo(HttpStatus.OK);

    // the absent manager still finishes what they have open
    work(manager, pi, "Task_ConfirmBooking", Map.of("reserveRequired", false));

    Task next = next(pi);
    assertThat(next.getAssignee()).as("back with the role").isNull();
    assertThat(tasks.getIdentityLinksForTask(next.getId()))
        .anyMatch(link -> "sales-managers".equals(link.getGroupId()));
  }

  @Test
  void aManagerWhoseAssignmentEndedDoesNotGetTheNextTask() {
    OffsetDateTime now = com.cjmflow.platform.EngineClock.now().truncatedTo(ChronoUnit.SECONDS);
    String manager = salesManager("ce", now.plusHours(1));
    String pi = book();
    String first = tasks.createTaskQuery().processInstanceId(pi).singleResult().getId();
    assertThat(call(manager, HttpMethod.POST, "/engine-rest/task/" + first + "/claim", Map.of("userId", manager))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    // the assignment has ended; the group membership is still there (the watch has not run yet)
    ClockUtil.setCurrentTime(Date.from(now.plusHours(2).toInstant()));
    assertThat(identity.createUserQuery().userId(manager).memberOfGroup("sales-managers").count()).isOne();
    tasks.complete(first, Map.of("reserveRequired", false));

    assertThat(next(pi).getAssignee()).as("no longer fills the role").isNull();
  }

  /** A user of its own (password = id) who fills the sales role from now, until {@code until} (null: open). */
  private String salesManager(String prefix, OffsetDateTime until) {
    String id = newUser(identity, prefix);
    Map<String, Object> assignment = until == null ? Map.of("userId", id)
        : Map.of("userId", id, "until", until.toString());
    ResponseEntity<String> assigned = call("galina", HttpMethod.POST,
        "/api/v1/crm/holacracy/roles/sales-managers/assign", assignment);
    assertThat(assigned.getStatusCode()).as(assigned.getBody()).isEqualTo(HttpStatus.CREATED);
    return id;
  }

  private String book() {
    return read(call("booking", HttpMethod.POST, "/api/v1/crm/orders",
        booking("cont-" + UUID.randomUUID(), false, false))).get("processInstanceId").asText();
  }

  private Task next(String processInstanceId) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey("Task_CheckBikeWithSeller")
        .singleResult();
  }
}
