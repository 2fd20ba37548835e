package com.cjmflow.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

import com.cjmflow.ApiTestSupport;

/**
 * The task mirror ({@code tasks}) follows a task's name, due and follow-up dates and assignee as they change; an
 * assignment, which the engine also announces as an update of the task, leaves the other fields as they are.
 */
class TaskMirrorIntegrationTest extends ApiTestSupport {

  @Autowired TaskService tasks;

  @Test
  void aTasksChangesAreMirroredFieldByField() {
    String processInstanceId = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders",
        booking("mirror-1-" + System.nanoTime(), false, false))).get("processInstanceId").asText();
    Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult();
    Instant due = Instant.parse("2027-01-15T09:30:00Z");
    Instant followUp = Instant.parse("2027-01-14T12:00:00Z");

    task.setName("Подтвердить бронь (срочно)");
    task.setDueDate(Date.from(due));
    task.setFollowUpDate(Date.from(followUp));
    tasks.saveTask(task);
    assertThat(mirror(task.getId())).containsEntry("name", "Подтвердить бронь (срочно)")
        .containsEntry("due", due).containsEntry("followUp", followUp);

    tasks.setAssignee(task.getId(), "anna");
    assertThat(mirror(task.getId())).containsEntry("assignee", "anna")
        .containsEntry("name", "Подтвердить бронь (срочно)").containsEntry("due", due)
        .containsEntry("followUp", followUp);

    task = tasks.createTaskQuery().taskId(task.getId()).singleResult();
    task.setDueDate(null);
    tasks.saveTask(task);
    assertThat(mirror(task.getId())).containsEntry("due", "none").containsEntry("followUp", followUp)
        .containsEntry("assignee", "anna");
  }

  private Map<String, Object> mirror(String taskId) {
    return jdbc.queryForObject("select name, due_at, follow_up_at, assignee from tasks where task_id = ?",
        (rs, i) -> Map.of("name", rs.getString(1), "due", instant(rs.getObject(2, OffsetDateTime.class)),
            "followUp", instant(rs.getObject(3, OffsetDateTime.class)),
            "assignee", rs.getString(4) == null ? "none" : rs.getString(4)), taskId);
  }

  private static Object instant(OffsetDateTime at) {
    return at == null ? "none" : at.toInstant();
  }
}
