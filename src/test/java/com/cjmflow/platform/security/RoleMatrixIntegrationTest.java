package com.cjmflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.PathContainer;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every role x operation cell, generated from {@code security/roles.yaml}, the OpenAPI document (every CRM
 * operation) and the engine REST operations Tasklist, Cockpit and integrations use: each demo role (and an admin) is
 * allowed (neither 401 nor 403) or refused (403) as declared, and a refused call changes nothing. Allowed calls that
 * change state run on fresh data.
 */
class RoleMatrixIntegrationTest extends ApiTestSupport {

  /** One user per role: the demo users, and an admin made for this test (the real admin's password is secret). */
  private static final Map<String, String> USERS = new LinkedHashMap<>();

  static {
    USERS.put("process-owners", "olga");
    USERS.put("sales-managers", "anna");
    USERS.put("experts", "egor");
    USERS.put("warehouse", "vera");
    USERS.put("logistics", "lev");
    USERS.put("head-of-sales", "galina");
    USERS.put("integrations", "booking");
    USERS.put("camunda-admin", "matrixadmin");
  }

  private static final String TINY = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Matrix" targetNamespace="http://t">
        <bpmn:process id="matrix-%s" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="StartEvent_Matrix" />
        </bpmn:process>
      </bpmn:definitions>
      """;

  private static final RoleDeclaration DECLARATION = RoleDeclaration.load();
  private static final PathPatternParser PATTERNS = new PathPatternParser();

  @Autowired IdentityService identity;
  @Autowired RepositoryService repository;
  @Autowired TaskService taskService;

  /** An order waiting at its first task (candidate group sales-managers), with its SLA timers. */
  private record Order(long id, String processInstanceId, String taskId, String jobId) {}

  /** The data the CRM cells run on: someone else's (boris's) follow-up and workload. */
  private record Crm(Order order, long followupId, long customerId, long shipmentId) {}

  private static Crm crm;

  /** A needed engine permission: resource, id ("order-flow", the target definition or the task) and permission. */
  private record Need(Resource resource, String id, String permission) {}

  /** Path and body of an engine operation on its target. */
  private record Target(Order order, String definitionId, String definitionKey, String user) {}

  private record EngineOp(String name, HttpMethod method, Function<Target, String> path,
      Function<Target, Object> body, boolean mutates, boolean onDefinition, List<Need> needs) {}

  private static List<Need> any(Resource resource, String id, String... permissions) {
    return Stream.of(permissions).map(p -> new Need(resource, id, p)).toList();
  }

  @SafeVarargs
  private static List<Need> either(List<Need>... alternatives) {
    return Stream.of(alternatives).flatMap(List::stream).toList();
  }

  private static final String FLOW = "order-flow";
  private static final String TASK = "task";
  private static final String DEFINITION = "definition";

  private static final List<EngineOp> ENGINE = List.of(
      new EngineOp("task list", HttpMethod.GET, t -> "/engine-rest/task?processInstanceId="
          + t.order().processInstanceId(), t -> null, false, false, List.of()),
      new EngineOp("filter list", HttpMethod.GET, t -> "/engine-rest/filter?resourceType=Task", t -> null, false,
          false, List.of()),
      new EngineOp("startable processes", HttpMethod.GET, t -> "/engine-rest/process-definition?latestVersion=true"
          + "&startableInTasklist=true&startablePermissionCheck=true", t -> null, false, false, List.of()),
      new EngineOp("task form variables", HttpMethod.GET, t -> "/engine-rest/task/" + t.order().taskId()
          + "/form-variables", t -> null, false, false,
          either(any(Resources.TASK, TASK, "READ_VARIABLE"), any(Resources.PROCESS_DEFINITION, FLOW,
              "READ_TASK_VARIABLE"))),
      new EngineOp("task claim", HttpMethod.POST, t -> "/engine-rest/task/" + t.order().taskId() + "/claim",
          t -> Map.of("userId", t.user()), true, false, taskWork()),
      new EngineOp("task complete", HttpMethod.POST, t -> "/engine-rest/task/" + t.order().taskId() + "/complete",
          t -> Map.of("variables", Map.of("reserveRequired", Map.of("value", false))), true, false, taskWork()),
      new EngineOp("process-instance variables", HttpMethod.GET, t -> "/engine-rest/process-instance/"
          + t.order().processInstanceId() + "/variables", t -> null, false, false,
          any(Resources.PROCESS_DEFINITION, FLOW, "READ_INSTANCE_VARIABLE")),
      new EngineOp("process-instance set variable", HttpMethod.PUT, t -> "/engine-rest/process-instance/"
          + t.order().processInstanceId() + "/variables/matrixProbe", t -> Map.of("value", "x", "type", "String"),
          true, false, either(updateInstance(), any(Resources.PROCESS_INSTANCE, "*", "UPDATE_VARIABLE"),
              any(Resources.PROCESS_DEFINITION, FLOW, "UPDATE_INSTANCE_VARIABLE"))),
      new EngineOp("process-instance modification", HttpMethod.POST, t -> "/engine-rest/process-instance/"
          + t.order().processInstanceId() + "/modification", t -> Map.of("skipCustomListeners", true,
              "instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_ConfirmBooking"))),
          true, false, updateInstance()),
      new EngineOp("process-instance suspend", HttpMethod.PUT, t -> "/engine-rest/process-instance/"
          + t.order().processInstanceId() + "/suspended", t -> Map.of("suspended", true), true, false,
          either(updateInstance(), any(Resources.PROCESS_INSTANCE, "*", "SUSPEND"),
              any(Resources.PROCESS_DEFINITION, FLOW, "SUSPEND_INSTANCE"))),
      new EngineOp("process-instance delete", HttpMethod.DELETE, t -> "/engine-rest/process-instance/"
          + t.order().processInstanceId(), t -> null, true, false,
          either(any(Resources.PROCESS_INSTANCE, "*", "DELETE"), any(Resources.PROCESS_DEFINITION, FLOW,
              "DELETE_INSTANCE"))),
      new EngineOp("job due date", HttpMethod.PUT, t -> "/engine-rest/job/" + t.order().jobId() + "/duedate",
          t -> Map.of("duedate", "2099-01-01T00:00:00.000+0000"), true, false, updateInstance()),
      new EngineOp("job retries", HttpMethod.PUT, t -> "/engine-rest/job/" + t.order().jobId() + "/retries",
          t -> Map.of("retries", 0), true, false, either(updateInstance(),
              any(Resources.PROCESS_INSTANCE, "*", "RETRY_JOB"), any(Resources.PROCESS_DEFINITION, FLOW,
                  "RETRY_JOB"))),
      new EngineOp("job execute", HttpMethod.POST, t -> "/engine-rest/job/" + t.order().jobId() + "/execute",
          t -> null, true, false, updateInstance()),
      new EngineOp("job delete", HttpMethod.DELETE, t -> "/engine-rest/job/" + t.order().jobId(), t -> null, true,
          false, updateInstance()),
      new EngineOp("message correlate", HttpMethod.POST, t -> "/engine-rest/message", t -> Map.of(
          "messageName", "OrderCancellationRequested", "businessKey", String.valueOf(t.order().id()),
          "processVariables", Map.of("cancellationReason", Map.of("value", "matrix", "type", "String"))), true,
          false, updateInstance()),
      new EngineOp("process-definition suspend with instances", HttpMethod.PUT, t -> "/engine-rest/process-definition/"
          + t.definitionId() + "/suspended", t -> Map.of("suspended", true, "includeProcessInstances", true), true,
          true, any(Resources.PROCESS_DEFINITION, DEFINITION, "SUSPEND", "UPDATE")),
      new EngineOp("process-definition delete cascade", HttpMethod.DELETE, t -> "/engine-rest/process-definition/"
          + t.definitionId() + "?cascade=true", t -> null, true, true,
          any(Resources.PROCESS_DEFINITION, DEFINITION, "DELETE")),
      new EngineOp("deployment create", HttpMethod.POST, t -> "/engine-rest/deployment/create", t -> null, true,
          true, any(Resources.DEPLOYMENT, "*", "CREATE")));

  private static List<Need> taskWork() {
    return either(any(Resources.TASK, TASK, "UPDATE", "TASK_WORK"),
        any(Resources.PROCESS_DEFINITION, FLOW, "UPDATE_TASK", "TASK_WORK"));
  }

  private static List<Need> updateInstance() {
    return either(any(Resources.PROCESS_INSTANCE, "*", "UPDATE"),
        any(Resources.PROCESS_DEFINITION, FLOW, "UPDATE_INSTANCE"));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // CRM operations, from the OpenAPI document

  @TestFactory
  Stream<DynamicTest> everyCrmOperationForEveryRole() {
    prepare();
    List<DynamicTest> cells = new ArrayList<>();
    JsonNode paths = read(call("olga", HttpMethod.GET, "/v3/api-docs", null)).get("paths");
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> path = it.next();
      for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
        String method = methods.next().toUpperCase();
        if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
          continue;
        }
        String concrete = concrete(path.getKey());
        for (Map.Entry<String, String> role : USERS.entrySet()) {
          cells.add(DynamicTest.dynamicTest(role.getKey() + " " + method + " " + path.getKey(),
              () -> crmCell(role.getKey(), role.getValue(), HttpMethod.valueOf(method), concrete)));
        }
      }
    }
    assertThat(cells).hasSizeGreaterThan(40 * USERS.size());
    return cells.stream();
  }

  @Test
  void everyCrmOperationIsDeclared() {
    JsonNode paths = read(call("olga", HttpMethod.GET, "/v3/api-docs", null)).get("paths");
    List<String> undeclared = new ArrayList<>();
    paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
      String call = method.toUpperCase() + " " + path.getKey();
      boolean declared = DECLARATION.endpoints().stream().anyMatch(e -> e.call().equals(call));
      if (!declared) {
        undeclared.add(call);
      }
    }));
    assertThat(undeclared).as("operations missing in " + RoleDeclaration.LOCATION).isEmpty();
  }

  private void crmCell(String group, String user, HttpMethod method, String path) {
    boolean allowed = declared(group, user, method.name(), path);
    Object body = method == HttpMethod.GET || method == HttpMethod.DELETE ? null
        // Invalid bodies: an allowed call reaches its endpoint and answers 400, changing nothing either.
        : path.endsWith("/kpi/recompute") ? "{\"from\":\"not-a-date\"}" : "{}";
    String before = crmState();
    ResponseEntity<String> answer = call(user, method, path, body);
    if (allowed) {
      assertThat(answer.getStatusCode().value()).as("%s %s %s: %s", user, method, path, answer.getBody())
          .isNotIn(401, 403).isLessThan(500);
    } else {
      assertThat(answer.getStatusCode()).as("%s %s %s: %s", user, method, path, answer.getBody())
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(crmState()).as("a refused call changes nothing").isEqualTo(before);
    }
  }

  /** Own cells: a sales manager reaches their own follow-up, workload and scorecard. */
  @Test
  void ownResourcesAreReachedByTheirOwner() {
    prepare();
    long own = followup("anna");
    assertThat(call("anna", HttpMethod.PATCH, "/api/v1/crm/followups/" + own + "/complete", "{}").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(call("anna", HttpMethod.GET, "/api/v1/crm/managers/anna/workload", null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(call("anna", HttpMethod.GET, "/api/v1/crm/managers/anna/scorecard", null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    // and a manager does not complete another manager's follow-up (finding of the review)
    assertThat(call("anna", HttpMethod.PATCH, "/api/v1/crm/followups/" + crm.followupId() + "/complete",
        "{\"outcome\":\"done\"}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(jdbc.queryForObject("select status from crm_manager_followups where id = ?", String.class,
        crm.followupId())).isEqualTo("open");
  }

  private String concrete(String template) {
    Map<String, String> values = Map.of("orderId", String.valueOf(crm.order().id()),
        "followupId", String.valueOf(crm.followupId()), "paymentId", "999999999",
        "shipmentId", String.valueOf(crm.shipmentId()), "customerId", String.valueOf(crm.customerId()),
        "managerId", "boris", "runId", "no-such-run", "key", "language", "date", "1999-01-01");
    values = new java.util.HashMap<>(values);
    values.putAll(Map.of("type", "crm.order.booked", "processKey", "no-such-process", "batchId", "no-such-batch",
        "roleId", "999999999", "userId", "no-such-user", "tensionId", "999999999", "parkingId", "999999999",
        "caseId", "999999999"));
    String path = template;
    for (Map.Entry<String, String> value : values.entrySet()) {
      path = path.replace("{" + value.getKey() + "}", value.getValue());
    }
    return path.replace("{id}", path.contains("/calendars/") ? "always" : "999999999");
  }

  /** What the declaration says, matched independently of the production matcher. */
  private boolean declared(String group, String user, String method, String path) {
    PathContainer container = PathContainer.parsePath(path.replaceAll("\\?.*", ""));
    for (RoleDeclaration.Endpoint endpoint : DECLARATION.endpoints()) {
      if (!endpoint.method().equals(method) && !RoleDeclaration.ANY_METHOD.equals(endpoint.method())) {
        continue;
      }
      PathPattern.PathMatchInfo match = PATTERNS.parse(endpoint.path()).matchAndExtract(container);
      if (match == null) {
        continue;
      }
      if (endpoint.allows(group)) {
        return true;
      }
      if (endpoint.own().contains(group)) {
        String variable = endpoint.ownerVariable();
        String value = match.getUriVariables().get(variable);
        String owner = "managerId".equals(variable) ? value : jdbc.queryForList(
            "select manager_id from crm_manager_followups where cast(id as varchar(40)) = ?", String.class, value)
            .stream().findFirst().orElse(null);
        if (owner == null || owner.equals(user)) {
          return true;
        }
      }
    }
    return false;
  }

  private String crmState() {
    StringBuilder state = new StringBuilder(orderState(crm.order()));
    for (String table : List.of("orders", "customers", "payments", "shipments", "crm_touchpoints",
        "crm_manager_followups", "crm_stage_pauses", "crm_journey_events", "customer_manager_links",
        "customer_preferences", "crm_contact_channels", "crm_business_calendar_days", "crm_business_calendar_hours",
        "crm_kpi_runs")) {
      state.append(table).append('=').append(count(table)).append(';');
    }
    state.append(jdbc.queryForList("select status from crm_manager_followups where id = ?", String.class,
        crm.followupId()));
    state.append(jdbc.queryForList("select * from shipments where id = ?", crm.shipmentId()));
    state.append(jdbc.queryForList("select * from customers where id = ?", crm.customerId()));
    return state.toString();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Engine REST operations used by Tasklist, Cockpit and integrations

  @TestFactory
  Stream<DynamicTest> everyEngineOperationForEveryRole() {
    prepare();
    Order shared = book();
    String sharedDefinition = deployTiny();
    List<DynamicTest> cells = new ArrayList<>();
    for (EngineOp op : ENGINE) {
      for (Map.Entry<String, String> role : USERS.entrySet()) {
        cells.add(DynamicTest.dynamicTest(role.getKey() + " " + op.name(),
            () -> engineCell(op, role.getKey(), role.getValue(), shared, sharedDefinition)));
      }
    }
    return cells.stream();
  }

  private void engineCell(EngineOp op, String group, String user, Order shared, String sharedDefinition) {
    String url = op.path().apply(new Target(shared, sharedDefinition, null, user));
    boolean allowed = declared(group, user, op.method().name(), url)
        && (op.needs().isEmpty() || op.needs().stream().anyMatch(need -> holds(group, need, sharedDefinition)));
    Order order = allowed && op.mutates() && !op.onDefinition() ? book() : shared;
    String definition = allowed && op.mutates() && op.onDefinition() ? deployTiny() : sharedDefinition;
    Target target = new Target(order, definition, keyOf(definition), user);
    String before = orderState(order) + definitionState(definition) + count("act_re_deployment");

    ResponseEntity<String> answer = "deployment create".equals(op.name()) ? deploy(user)
        : call(user, op.method(), op.path().apply(target), op.body().apply(target));

    if (allowed) {
      assertThat(answer.getStatusCode().value()).as("%s %s: %s", user, op.name(), answer.getBody())
          .isNotIn(401, 403).isLessThan(500);
    } else {
      assertThat(answer.getStatusCode()).as("%s %s: %s", user, op.name(), answer.getBody())
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(orderState(order) + definitionState(definition) + count("act_re_deployment"))
          .as("a refused call changes nothing").isEqualTo(before);
    }
  }

  /** Whether the declaration gives the group the permission (the engine grants a task's candidate groups its own). */
  private boolean holds(String group, Need need, String definitionId) {
    RoleDeclaration.Role role = DECLARATION.roles().get(group);
    if (role.admin()) {
      return true;
    }
    if (need.resource() == Resources.TASK && "sales-managers".equals(group)
        && List.of("READ", "UPDATE", "READ_VARIABLE").contains(need.permission())) {
      return true; // Task_ConfirmBooking's candidate group
    }
    String id = switch (need.id()) {
      case DEFINITION -> keyOf(definitionId);
      case TASK -> "task-id";
      default -> need.id();
    };
    return role.engine().stream().anyMatch(grant -> grant.resource() == need.resource()
        && ("*".equals(grant.resourceId()) || grant.resourceId().equals(id))
        && (grant.permissions().contains("ALL") || grant.permissions().contains(need.permission())));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Which tasks and orders each role sees

  @TestFactory
  Stream<DynamicTest> eachRoleSeesTheTasksAndOrdersItIsDeclaredFor() {
    prepare();
    Order order = book();
    return USERS.entrySet().stream().map(role -> DynamicTest.dynamicTest(role.getKey(), () -> {
      RoleDeclaration.Role declared = DECLARATION.roles().get(role.getKey());
      ResponseEntity<String> tasks = call(role.getValue(), HttpMethod.GET,
          "/engine-rest/task?processInstanceId=" + order.processInstanceId(), null);
      if ("integrations".equals(role.getKey())) {
        assertThat(tasks.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        return;
      }
      boolean candidate = taskService.getIdentityLinksForTask(order.taskId()).stream()
          .anyMatch(link -> role.getKey().equals(link.getGroupId()));
      int expected = declared.tasks() == RoleDeclaration.Tasks.ALL || candidate ? 1 : 0;
      assertThat(read(tasks)).as("%s sees the booking task", role.getValue()).hasSize(expected);

      boolean readsInstances = declared.admin() || declared.engine().stream().anyMatch(g ->
          g.resource() == Resources.PROCESS_DEFINITION && List.of("*", FLOW).contains(g.resourceId())
              && (g.permissions().contains("ALL") || g.permissions().contains("READ_INSTANCE")));
      JsonNode instances = read(call(role.getValue(), HttpMethod.GET,
          "/engine-rest/process-instance?processInstanceIds=" + order.processInstanceId(), null));
      assertThat(instances).as("%s sees the order's process instance", role.getValue())
          .hasSize(readsInstances ? 1 : 0);
    }));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Fixtures

  private synchronized void prepare() {
    if (identity.createUserQuery().userId("matrixadmin").count() == 0) {
      User admin = identity.newUser("matrixadmin");
      admin.setPassword("matrixadmin");
      identity.saveUser(admin);
      identity.createMembership("matrixadmin", "camunda-admin");
    }
    if (crm == null) {
      Order order = book();
      long customer = read(call("anna", HttpMethod.POST, "/api/v1/crm/customers", Map.of("displayName",
          "Matrix Client", "email", "matrix-" + UUID.randomUUID() + "@example.ru"))).get("id").asLong();
      long shipment = read(call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + order.id() + "/shipments",
          Map.of("leg", "seller_to_warehouse", "carrier", "DHL", "trackingNumber", "MATRIX-" + UUID.randomUUID(),
              "shippedAt", "2026-04-01T09:00:00Z"))).get("id").asLong();
      crm = new Crm(order, followupOn(order, "boris"), customer, shipment);
    }
  }

  private long followup(String manager) {
    return followupOn(crm.order(), manager);
  }

  private long followupOn(Order order, String manager) {
    ResponseEntity<String> created = call(manager, HttpMethod.POST, "/api/v1/crm/orders/" + order.id()
        + "/followups", Map.of("subject", "Matrix call back", "dueAt", "2099-01-01T10:00:00Z"));
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    return read(created).get("id").asLong();
  }

  private Order book() {
    JsonNode booked = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders",
        booking("matrix-" + UUID.randomUUID(), false, false)));
    String pi = booked.get("processInstanceId").asText();
    String task = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey("Task_ConfirmBooking")
        .singleResult().getId();
    return new Order(booked.get("orderId").asLong(), pi, task, timer(pi, "BoundaryEvent_ConfirmBookingSlaWarning")
        .getId());
  }

  private String deployTiny() {
    String key = UUID.randomUUID().toString().substring(0, 8);
    repository.createDeployment().name("matrix " + key).addString("matrix.bpmn", TINY.formatted(key).strip())
        .deploy();
    return repository.createProcessDefinitionQuery().processDefinitionKey("matrix-" + key).singleResult().getId();
  }

  private String keyOf(String definitionId) {
    return definitionId.substring(0, definitionId.indexOf(':'));
  }

  private ResponseEntity<String> deploy(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, user);
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    var parts = new LinkedMultiValueMap<String, Object>();
    parts.add("deployment-name", "matrix by " + user);
    parts.add("data", new ByteArrayResource(TINY.formatted("by-" + user).strip().getBytes()) {
      @Override
      public String getFilename() {
        return "matrix.bpmn";
      }
    });
    return http.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(parts, headers),
        String.class);
  }

  private String orderState(Order order) {
    String pi = order.processInstanceId();
    return jdbc.queryForList("select status from orders where id = ?", String.class, order.id())
        + "|" + jdbc.queryForList("select act_id_, suspension_state_, is_active_ from act_ru_execution "
            + "where proc_inst_id_ = ? order by id_", pi)
        + "|" + jdbc.queryForList("select id_, duedate_, retries_, suspension_state_ from act_ru_job "
            + "where process_instance_id_ = ? order by id_", pi)
        + "|" + jdbc.queryForList("select name_, text_ from act_ru_variable where proc_inst_id_ = ? order by name_",
            pi)
        + "|" + jdbc.queryForList("select id_, assignee_ from act_ru_task where proc_inst_id_ = ? order by id_", pi);
  }

  private String definitionState(String definitionId) {
    return "|" + jdbc.queryForList("select suspension_state_ from act_re_procdef where id_ = ?", definitionId);
  }
}
