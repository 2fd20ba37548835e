package com.cjmflow.followups;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;

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
import com.cjmflow.SqlStatements;
import com.fasterxml.jackson.databind.JsonNode;

/** Follow-ups are Camunda user tasks mirrored in crm_manager_followups, whichever way they are completed. */
class FollowupIntegrationTest extends ApiTestSupport {

  @Autowired TaskService tasks;

  private static final OffsetDateTime DUE = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0);

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void completedWithPatchOrInTasklistEndsInTheSameRowState() {
    long orderId = book("web-fu-1");
    JsonNode viaPatch = create("anna", orderId, "Call about the frame size");
    JsonNode viaTasklist = create("anna", orderId, "Send photos of the wheels");
    assertThat(viaPatch.get("status").asText()).isEqualTo("open");
    assertThat(viaPatch.get("managerId").asText()).isEqualTo("anna");
    assertThat(viaPatch.get("subject").asText()).isEqualTo("Напоминание: Call about the frame size — заказ " + orderId);
    assertThat(OffsetDateTime.parse(viaPatch.get("dueAt").asText()).toInstant()).isEqualTo(DUE.toInstant());

    // the follow-up is a task in anna's Tasklist with its due date
    JsonNode tasks = read(call("anna", HttpMethod.GET,
        "/engine-rest/task?assignee=anna&processDefinitionKey=manager-followup&taskId="
            + viaTasklist.get("taskId").asText(), null));
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0).get("due").asText()).isNotBlank();

    ResponseEntity<String> patched = call("anna", HttpMethod.PATCH,
        "/api/v1/crm/followups/" + viaPatch.get("id").asLong() + "/complete", Map.of("outcome", "Size M confirmed"));
    assertThat(patched.getStatusCode()).as(patched.getBody()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> submitted = call("anna", HttpMethod.POST,
        "/engine-rest/task/" + viaTasklist.get("taskId").asText() + "/submit-form",
        Map.of("variables", Map.of("outcome", Map.of("value", "Photos sent"))));
    assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(HttpStatus.NO_CONTENT);

    for (JsonNode followup : new JsonNode[] {viaPatch, viaTasklist}) {
      Map<String, Object> row = jdbc.queryForMap("select status, completed_by, completed_on_time, "
          + "case when completed_at is null then 0 else 1 end as completed from crm_manager_followups where id = ?",
          followup.get("id").asLong());
      assertThat(row.values()).containsExactly("completed", "anna", true, 1);
      assertThat(jdbc.queryForObject("select count(*) from manager_activity_events where manager_id = 'anna' "
          + "and action = 'complete' and task_id = ?", Long.class, followup.get("taskId").asText())).isEqualTo(1);
    }
    assertThat(jdbc.queryForList("select outcome from crm_manager_followups where order_id = ? order by id",
        String.class, orderId)).containsExactly("Size M confirmed", "Photos sent");

    // completing again is a conflict
    assertThat(call("anna", HttpMethod.PATCH, "/api/v1/crm/followups/" + viaPatch.get("id").asLong() + "/complete",
        Map.of("outcome", "again")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void lateCompletionIsRecordedAsLate() {
    long orderId = book("web-fu-2");
    JsonNode followup = create("boris", orderId, "Confirm delivery address");
    ClockUtil.setCurrentTime(Date.from(DUE.plusHours(3).toInstant()));

    call("boris", HttpMethod.PATCH, "/api/v1/crm/followups/" + followup.get("id").asLong() + "/complete",
        Map.of("outcome", "done, late"));

    assertThat(read(call("boris", HttpMethod.GET, "/api/v1/crm/followups/" + followup.get("id").asLong(), null))
        .get("completedOnTime").asBoolean()).isFalse();
  }

  @Test
  void managersPlanFollowUpsInTasklistToo() {
    long orderId = book("web-fu-3");
    ResponseEntity<String> started = call("boris", HttpMethod.POST,
        "/engine-rest/process-definition/key/manager-followup/submit-form", Map.of("variables", Map.of(
            "orderId", Map.of("value", orderId, "type", "Long"), "subject", Map.of("value", "Ask for a review"),
            "dueAt", Map.of("value", DUE.toString()))));
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);

    JsonNode list = read(call("boris", HttpMethod.GET, "/api/v1/crm/followups?orderId=" + orderId, null));
    assertThat(list.get("total").asLong()).isEqualTo(1);
    assertThat(list.at("/items/0/managerId").asText()).isEqualTo("boris");
    assertThat(list.at("/items/0/createdBy").asText()).isEqualTo("boris");
    assertThat(list.at("/items/0/status").asText()).isEqualTo("open");
  }

  @Test
  void badRequestsAreRefusedAndWriteNothing() {
    long orderId = book("web-fu-4");
    long before = count("crm_manager_followups");
    String path = "/api/v1/crm/orders/" + orderId + "/followups";
    assertThat(call("anna", HttpMethod.POST, path, Map.of("dueAt", DUE.toString())).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(call("anna", HttpMethod.POST, path, Map.of("subject", "x", "dueAt", "tomorrow")).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(call("anna", HttpMethod.POST, path, Map.of("subject", "x", "dueAt", DUE.toString(),
        "managerId", "vera")).getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(call("anna", HttpMethod.POST, path, Map.of("subject", "x", "dueAt", DUE.toString(),
        "followUpAt", DUE.plusDays(1).toString())).getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/orders/999999/followups",
        Map.of("subject", "x", "dueAt", DUE.toString())).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(count("crm_manager_followups")).isEqualTo(before);
    assertThat(call("anna", HttpMethod.PATCH, "/api/v1/crm/followups/999999/complete", Map.of("outcome", "x"))
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(call("anna", HttpMethod.GET, "/api/v1/crm/followups?status=weird", null).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void aFollowupRowChangesOnlyWithWhatItMirrors() {
    long orderId = book("web-fu-mirror");
    var created = SqlStatements.record(() -> create("anna", orderId, "Ask for the invoice"));
    JsonNode followup = created.getKey();
    String taskId = followup.get("taskId").asText();
    assertThat(followup.get("managerId").asText()).isEqualTo("anna");
    // created with its assignee: the inserted row holds the manager already
    assertThat(created.getValue().rowsOf("update crm_manager_followups set manager_id")).isZero();

    // a reassignment (the engine announces it as an update of the task too) writes the manager, not the dates
    SqlStatements.Counts reassigned = SqlStatements.record(() -> {
      tasks.setAssignee(taskId, "boris");
      return 0;
    }).getValue();
    assertThat(reassigned.rowsOf("update crm_manager_followups set manager_id")).isEqualTo(1);
    assertThat(reassigned.rowsOf("update crm_manager_followups set due_at")).isZero();

    // a new due date is mirrored
    Date due = Date.from(DUE.plusDays(2).toInstant());
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    task.setDueDate(due);
    SqlStatements.Counts moved = SqlStatements.record(() -> {
      tasks.saveTask(task);
      return 0;
    }).getValue();
    assertThat(moved.rowsOf("update crm_manager_followups set due_at")).isEqualTo(1);
    assertThat(jdbc.queryForObject("select manager_id from crm_manager_followups where id = ?", String.class,
        followup.get("id").asLong())).isEqualTo("boris");
    assertThat(jdbc.queryForObject("select due_at from crm_manager_followups where id = ?", OffsetDateTime.class,
        followup.get("id").asLong()).toInstant()).isEqualTo(due.toInstant());
  }

  private long book(String externalId) {
    return read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking(externalId, false, false)))
        .get("orderId").asLong();
  }

  private JsonNode create(String user, long orderId, String subject) {
    ResponseEntity<String> created = call(user, HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/followups",
        Map.of("subject", subject, "dueAt", DUE.toString()));
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    return read(created);
  }
}
