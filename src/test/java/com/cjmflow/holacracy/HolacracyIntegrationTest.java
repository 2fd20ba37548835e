package com.cjmflow.holacracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 12: roles route the work. Filling a role through the API lets the member claim its tasks at once, ending it
 * stops that; a role a new BPMN task names is made on deployment and gets only the holacracy-role template; an
 * absent member's tasks go back to the role or to the stand-in; governance problems answer 403/404/409/422.
 */
class HolacracyIntegrationTest extends ApiTestSupport {

  static final String MODEL = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Hol" targetNamespace="http://t">
        <bpmn:process id="%1$s" name="Photograph bikes" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="StartEvent_Hol" />
          <bpmn:sequenceFlow id="SequenceFlow_HolStart" sourceRef="StartEvent_Hol" targetRef="Task_PhotographBike" />
          <bpmn:userTask id="Task_PhotographBike" name="Photograph bike" camunda:candidateGroups="%2$s" />
          <bpmn:sequenceFlow id="SequenceFlow_HolEnd" sourceRef="Task_PhotographBike" targetRef="EndEvent_Hol" />
          <bpmn:endEvent id="EndEvent_Hol" />
        </bpmn:process>
      </bpmn:definitions>
      """;

  @Autowired IdentityService identity;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService taskService;
  @Autowired HolacracyWatch watch;
  @Autowired Assignments assignments;

  /** A run-time role: deployed with a model that names it, and a running instance of it. */
  record ModelRole(String key, String processKey, long roleId) {}

  @Test
  void anAssignmentLetsTheMemberClaimTheRolesTaskAndEndingItStops() {
    String user = newUser("hi");
    String pi = book();
    String task = taskService.createTaskQuery().processInstanceId(pi).singleResult().getId();
    assertThat(call(user, HttpMethod.GET, "/engine-rest/task?processInstanceId=" + pi, null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);

    ResponseEntity<String> assigned = call("galina", HttpMethod.POST,
        "/api/v1/crm/holacracy/roles/sales-managers/assign", Map.of("userId", user, "focusPercent", 50));
    assertThat(assigned.getStatusCode()).as(assigned.getBody()).isEqualTo(HttpStatus.CREATED);
    long assignmentId = read(assigned).get("id").asLong();

    assertThat(read(call(user, HttpMethod.GET, "/engine-rest/task?processInstanceId=" + pi, null))).hasSize(1);
    assertThat(call(user, HttpMethod.POST, "/engine-rest/task/" + task + "/claim", Map.of("userId", user))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    ResponseEntity<String> ended = call("galina", HttpMethod.PATCH, "/api/v1/crm/holacracy/roles/sales-managers"
        + "/assignments/" + assignmentId + "/end", Map.of("note", "moved to another team"));
    assertThat(ended.getStatusCode()).as(ended.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(identity.createUserQuery().userId(user).memberOfGroup("sales-managers").count()).isZero();
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee())
        .as("the claimed task went back to the role").isNull();
    assertThat(call(user, HttpMethod.GET, "/engine-rest/task?processInstanceId=" + pi, null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("galina", HttpMethod.PATCH, "/api/v1/crm/holacracy/roles/sales-managers/assignments/"
        + assignmentId + "/end", Map.of()).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void aRoleANewBpmnTaskNamesIsMadeOnDeploymentAndGetsOnlyTheTemplate() {
    ModelRole role = deployRole();
    String user = newUser("hp");
    assertThat(identity.createGroupQuery().groupId(role.key()).singleResult().getType()).isEqualTo("holacracy-role");
    assertThat(read(call("olga", HttpMethod.GET, "/api/v1/crm/holacracy/circles", null)).toString())
        .contains(role.key());

    ResponseEntity<String> assigned = call("olga", HttpMethod.POST, "/api/v1/crm/holacracy/roles/" + role.roleId()
        + "/assign", Map.of("userId", user));
    assertThat(assigned.getStatusCode()).as(assigned.getBody()).isEqualTo(HttpStatus.CREATED);

    JsonNode tasks = read(call(user, HttpMethod.GET, "/engine-rest/task?processDefinitionKey=" + role.processKey(),
        null));
    assertThat(tasks).hasSize(1);
    String task = tasks.get(0).get("id").asText();
    assertThat(call(user, HttpMethod.GET, "/engine-rest/process-definition/key/" + role.processKey(), null)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(call(user, HttpMethod.POST, "/engine-rest/task/" + task + "/claim", Map.of("userId", user))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(call(user, HttpMethod.POST, "/engine-rest/task/" + task + "/complete", Map.of()).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);

    // and nothing else: no order tasks, no order-flow definition, no CRM order data, no deployment
    String order = book();
    assertThat(read(call(user, HttpMethod.GET, "/engine-rest/task?processInstanceId=" + order, null))).isEmpty();
    assertThat(call(user, HttpMethod.GET, "/engine-rest/process-definition/key/order-flow", null).getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(call(user, HttpMethod.GET, "/api/v1/crm/orders", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call(user, HttpMethod.POST, "/api/v1/crm/holacracy/roles/" + role.roleId() + "/assign",
        Map.of("userId", user)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call(user, HttpMethod.GET, "/api/v1/crm/holacracy/overview", null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void governanceProblems() {
    ModelRole role = deployRole();
    String user = newUser("hg");
    String path = "/api/v1/crm/holacracy/roles/" + role.roleId() + "/assign";
    assertThat(call("galina", HttpMethod.POST, "/api/v1/crm/holacracy/roles/999999999/assign",
        Map.of("userId", user)).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(call("galina", HttpMethod.POST, "/api/v1/crm/holacracy/roles/no-such-role/assign",
        Map.of("userId", user)).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(call("galina", HttpMethod.POST, path, Map.of("userId", "no-such-user-" + UUID.randomUUID()))
        .getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(call("anna", HttpMethod.POST, path, Map.of("userId", user)).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);

    long first = read(call("galina", HttpMethod.POST, path, Map.of("userId", user))).get("id").asLong();
    ResponseEntity<String> twice = call("galina", HttpMethod.POST, path, Map.of("userId", user));
    assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(read(twice).get("assignmentId").asLong()).isEqualTo(first);

    // the only cover of a role with an open task: 422 unless forced
    String end = "/api/v1/crm/holacracy/roles/" + role.key() + "/assignments/" + first + "/end";
    ResponseEntity<String> last = call("galina", HttpMethod.PATCH, end, Map.of());
    assertThat(last.getStatusCode()).as(last.getBody()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(identity.createUserQuery().userId(user).memberOfGroup(role.key()).count()).isOne();
    assertThat(call("galina", HttpMethod.PATCH, end, Map.of("force", true)).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(identity.createUserQuery().userId(user).memberOfGroup(role.key()).count()).isZero();

    // a role for a task not deployed yet; not a declared group, not a group made in Admin for something else
    String planned = "planners-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    ResponseEntity<String> created = call("olga", HttpMethod.POST, "/api/v1/crm/holacracy/roles", Map.of("key",
        planned, "circleKey", "sales", "name", "Planner", "accountabilities", List.of("Planning pick-ups")));
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(identity.createGroupQuery().groupId(planned).singleResult().getType()).isEqualTo("holacracy-role");
    assertThat(call("olga", HttpMethod.POST, "/api/v1/crm/holacracy/roles", Map.of("key", planned)).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    assertThat(call("olga", HttpMethod.PATCH, "/api/v1/crm/holacracy/roles/" + planned, Map.of("purpose",
        "Pick-ups on time")).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(call("olga", HttpMethod.POST, "/api/v1/crm/holacracy/roles", Map.of("key", "sales-managers"))
        .getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    String foreign = "auditors-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    identity.saveGroup(identity.newGroup(foreign));
    assertThat(call("olga", HttpMethod.POST, "/api/v1/crm/holacracy/roles", Map.of("key", foreign)).getStatusCode())
        .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);

    // the service checks governance itself: a sales manager is no lead link
    identity.setAuthentication("anna", List.of("sales-managers"));
    try {
      assertThatThrownBy(() -> assignments.assign(role.roleId(), new Assignments.NewAssignment(user, 100, null, null,
          null))).isInstanceOf(HolacracyFacts.NotGovernor.class);
    } finally {
      identity.clearAuthentication();
    }
  }

  @Test
  void anAbsentMembersTasksGoBackToTheRoleOrToTheStandIn() {
    String away = newUser("ha");
    String other = newUser("hb");
    for (String user : List.of(away, other)) {
      assertThat(call("galina", HttpMethod.POST, "/api/v1/crm/holacracy/roles/sales-managers/assign",
          Map.of("userId", user)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }
    String pi = book();
    String task = taskService.createTaskQuery().processInstanceId(pi).singleResult().getId();
    taskService.setAssignee(task, away);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);

    ResponseEntity<String> profile = call(away, HttpMethod.PATCH, "/api/v1/crm/holacracy/members/" + away
        + "/profile", Map.of("displayName", "Away Member", "weeklyCapacityHours", 40, "calendarId", "ru-office",
            "absences", List.of(Map.of("from", now.minusHours(1).toString(), "until", now.plusDays(3).toString()))));
    assertThat(profile.getStatusCode()).as(profile.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();
    long orderId = jdbc.queryForObject("select id from orders where process_instance_id = ?", Long.class, pi);
    assertThat(jdbc.queryForList("select details from crm_journey_events where order_id = ? and event_type = ?",
        String.class, orderId, "task_handed_over")).singleElement().asString().contains(away);

    // with a stand-in the task goes to them (the watch hands on tasks claimed while absent)
    taskService.setAssignee(task, away);
    assertThat(call("galina", HttpMethod.PATCH, "/api/v1/crm/holacracy/members/" + away + "/profile",
        Map.of("absences", List.of(Map.of("from", now.minusHours(1).toString(), "until", now.plusDays(3).toString(),
            "standIn", other)))).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo(other);
    taskService.setAssignee(task, away);
    watch.run();
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo(other);

    // someone else's profile is not theirs; bad input changes nothing
    assertThat(call(other, HttpMethod.PATCH, "/api/v1/crm/holacracy/members/" + away + "/profile",
        Map.of("displayName", "x")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call(away, HttpMethod.PATCH, "/api/v1/crm/holacracy/members/" + away + "/profile",
        Map.of("calendarId", "no-such-calendar")).getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(call(away, HttpMethod.PATCH, "/api/v1/crm/holacracy/members/" + away + "/profile",
        Map.of("absences", List.of(Map.of("from", now.toString(), "until", now.minusDays(1).toString()))))
        .getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(read(call(away, HttpMethod.GET, "/api/v1/crm/holacracy/members/" + away + "/profile", null))
        .get("absences").get(0).get("standIn").asText()).isEqualTo(other);
  }

  // -------------------------------------------------------------------------------------------------------------

  ModelRole deployRole() {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String key = "photographers-" + suffix;
    String process = "photograph-" + suffix;
    repository.createDeployment().name("holacracy " + suffix)
        .addString(process + ".bpmn", MODEL.formatted(process, key).strip()).deploy();
    runtime.startProcessInstanceByKey(process);
    long roleId = jdbc.queryForObject("select id from crm_holacracy_roles where role_key = ?", Long.class, key);
    return new ModelRole(key, process, roleId);
  }

  String newUser(String prefix) {
    return newUser(identity, prefix);
  }


  String book() {
    return read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("hol-" + UUID.randomUUID(), false,
        false))).get("processInstanceId").asText();
  }
}
