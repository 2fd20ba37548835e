package com.cjmflow.platform.security;

import static com.cjmflow.platform.security.AttackMarkers.assertNoMarker;
import static com.cjmflow.platform.security.AttackMarkers.marker;
import static com.cjmflow.platform.security.AttackMarkers.runtimeExec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;

/**
 * #8 §1 "Queries from users": a task query that carries an expression — in the main query or an OR branch, ad hoc,
 * extending a filter or stored in one — is refused inside the engine, however the request was written. Every refusal
 * is proven by the marker file the payload would have created (it does, in plain JUEL) and by the query policy's own
 * message (the query was decoded and refused before anything was evaluated).
 */
class QueryExpressionAttackTest extends ApiTestSupport {

  private static final String REFUSED = "Refused by CJM Flow query policy";

  @Autowired private TaskService taskService;
  @Autowired private FilterService filterService;
  @Autowired private AuthorizationService authorizationService;
  @Autowired private IdentityService identityService;

  @Test
  void thePayloadRunsWherePolicyIsAbsent() {
    Path marker = marker("control");
    AttackMarkers.assertPayloadWouldRun(runtimeExec(marker), marker);
  }

  @Test
  void orBranchExpressionsThroughTheEngineRestApi() {
    Path marker = marker("rest-or");
    String payload = json(runtimeExec(marker));
    for (String body : new String[] {
        "{\"orQueries\":[{\"assigneeExpression\":" + payload + "}]}",
        "{\"orQueries\":[{\"candidateGroup\":\"sales-managers\"},{\"candidateUserExpression\":" + payload + "}]}",
        "{\"assigneeExpression\":" + payload + "}"}) {
      assertRefused(call("anna", HttpMethod.POST, "/engine-rest/task", body));
      assertRefused(call("anna", HttpMethod.POST, "/engine-rest/task/count", body));
    }
    assertNoMarker(marker);
    assertThat(call("anna", HttpMethod.POST, "/engine-rest/task",
        "{\"orQueries\":[{\"candidateGroup\":\"sales-managers\"},{\"assignee\":\"anna\"}]}").getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void jsonEscapesAndEscapedKeyNames() {
    Path marker = marker("escapes");
    String escaped = json(runtimeExec(marker)).replace("$", "\\u0024").replace("{", "\\u007b");
    for (String body : new String[] {
        "{\"orQueries\":[{\"assigneeExpression\":" + escaped + "}]}",
        "{\"\\u006frQueries\":[{\"assignee\\u0045xpression\":" + escaped + "}]}",
        "{\"orQueries\" : [ { \"ownerExpression\" :\n" + escaped + " } ] }"}) {
      assertRefused(call("anna", HttpMethod.POST, "/engine-rest/task", body));
    }
    assertNoMarker(marker);
  }

  @Test
  void aBodyInUtf16() {
    Path marker = marker("utf16");
    String body = "{\"orQueries\":[{\"assigneeExpression\":" + json(runtimeExec(marker)) + "}]}";
    for (var charset : new java.nio.charset.Charset[] {StandardCharsets.UTF_16, StandardCharsets.UTF_16LE}) {
      HttpResponse<String> answer = WebappSession.postBasic(http.getRootUri(), "anna", "/engine-rest/task", body,
          charset);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
      assertThat(answer.body()).contains(REFUSED);
    }
    assertNoMarker(marker);
  }

  @Test
  void throughTheWebappsApiWithALoggedInSession() {
    Path marker = marker("webapps");
    WebappSession anna = WebappSession.tasklist(http.getRootUri(), "anna");
    HttpResponse<String> plain = anna.postEngineApi("/task", "{\"orQueries\":[{\"assignee\":\"anna\"}]}");
    assertThat(plain.statusCode()).as("positive control: %s", plain.body()).isEqualTo(200);

    String escaped = json(runtimeExec(marker)).replace("$", "\\u0024");
    for (String body : new String[] {"{\"orQueries\":[{\"assigneeExpression\":" + json(runtimeExec(marker)) + "}]}",
        "{\"\\u006frQueries\":[{\"assigneeExpression\":" + escaped + "}]}"}) {
      HttpResponse<String> answer = anna.postEngineApi("/task", body);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
      assertThat(answer.body()).contains(REFUSED);
      HttpResponse<String> viaFilter = anna.postEngineApi("/filter/" + myTasks().getId() + "/list", body);
      assertThat(viaFilter.statusCode()).as(viaFilter.body()).isEqualTo(400);
      assertThat(viaFilter.body()).contains(REFUSED);
    }
    assertNoMarker(marker);
  }

  @Test
  void throughTheJavaApi() {
    Path marker = marker("java");
    String payload = runtimeExec(marker);
    refusedInJava(() -> taskService.createTaskQuery().or().taskAssigneeExpression(payload).endOr().list());
    refusedInJava(() -> taskService.createTaskQuery().taskCandidateGroup("x").or().taskOwnerExpression(payload)
        .endOr().count());
    TaskQuery extending = taskService.createTaskQuery().or().taskAssigneeExpression(payload).endOr();
    String myTasks = myTasks().getId();
    refusedInJava(() -> filterService.list(myTasks, extending));
    refusedInJava(() -> filterService.count(myTasks, extending));
    refusedInJava(() -> filterService.listPage(myTasks, extending, 0, 10));
    refusedInJava(() -> filterService.singleResult(myTasks, extending));
    assertNoMarker(marker);
  }

  @Test
  void filtersCannotBeSavedWithAnExpression() {
    String maker = filterMaker();
    Path marker = marker("save");
    String payload = json(runtimeExec(marker));
    for (String query : new String[] {"{\"assigneeExpression\":" + payload + "}",
        "{\"orQueries\":[{\"assigneeExpression\":" + payload + "}]}",
        "{\"orQueries\":[{\"candidateGroupsExpression\":\"${currentUserGroups()}\"},{\"ownerExpression\":"
            + payload + "}]}"}) {
      assertRefused(call(maker, HttpMethod.POST, "/engine-rest/filter/create",
          "{\"resourceType\":\"Task\",\"name\":\"attack\",\"query\":" + query + "}"));
    }
    refusedInJava(() -> filterService.saveFilter(filterService.newTaskFilter("attack")
        .setQuery(taskService.createTaskQuery().or().taskAssigneeExpression(runtimeExec(marker)).endOr())));
    assertThat(filterService.createFilterQuery().filterName("attack").count()).isZero();
    assertNoMarker(marker);
    ResponseEntity<String> plain = call(maker, HttpMethod.POST, "/engine-rest/filter/create",
        "{\"resourceType\":\"Task\",\"name\":\"mine\",\"query\":{\"assigneeExpression\":\"${currentUser()}\"}}");
    assertThat(plain.getStatusCode()).as("positive control: %s", plain.getBody()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void storedFiltersWithAnExpressionInTheQueryOrAnOrBranchDoNotRun() {
    Path marker = marker("stored");
    Filter inQuery = storedAndTampered(taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"),
        runtimeExec(marker));
    Filter inOrBranch = storedAndTampered(taskService.createTaskQuery().taskCandidateGroup("sales-managers").or()
        .taskAssigneeExpression("${currentUser()}").endOr(), runtimeExec(marker));

    WebappSession anna = WebappSession.tasklist(http.getRootUri(), "anna");
    for (Filter filter : new Filter[] {inQuery, inOrBranch}) {
      assertRefused(call("anna", HttpMethod.POST, "/engine-rest/filter/" + filter.getId() + "/list", "{}"));
      assertRefused(call("anna", HttpMethod.GET, "/engine-rest/filter/" + filter.getId() + "/list", null));
      assertRefused(call("anna", HttpMethod.POST, "/engine-rest/filter/" + filter.getId() + "/count", "{}"));
      assertThat(call("anna", HttpMethod.GET, "/engine-rest/filter/" + filter.getId() + "/singleResult", null)
          .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      HttpResponse<String> webapps = anna.postEngineApi("/filter/" + filter.getId() + "/list?firstResult=0"
          + "&maxResults=15", "{}");
      assertThat(webapps.statusCode()).as(webapps.body()).isEqualTo(400);
      assertThat(webapps.body()).contains(REFUSED);
      refusedInJava(() -> filterService.list(filter.getId()));
      refusedInJava(() -> filterService.count(filter.getId()));
      refusedInJava(() -> filterService.listPage(filter.getId(), 0, 5));
      refusedInJava(() -> filterService.singleResult(filter.getId()));
    }
    assertNoMarker(marker);
  }

  @Test
  void theBootstrapFiltersKeepTheirTasklistFunctions() {
    Filter myTasks = myTasks();
    assertThat(((org.camunda.bpm.engine.impl.TaskQueryImpl) myTasks.getQuery()).getExpressions())
        .isEqualTo(Map.of("taskAssignee", "${currentUser()}"));
    ResponseEntity<String> list = call("anna", HttpMethod.POST, "/engine-rest/filter/" + myTasks.getId() + "/list",
        "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}");
    assertThat(list.getStatusCode()).as(list.getBody()).isEqualTo(HttpStatus.OK);
    Filter roles = filterService.createFilterQuery().filterName("Задачи моих ролей").singleResult();
    assertThat(call("anna", HttpMethod.GET, "/engine-rest/filter/" + roles.getId() + "/count", null)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  /** A filter saved with an allowed function, then its stored JSON rewritten in the database (a row written by SQL). */
  private Filter storedAndTampered(TaskQuery query, String expression) {
    Filter filter = filterService.saveFilter(filterService.newTaskFilter("tampered-" + System.nanoTime())
        .setQuery(query));
    String stored = jdbc.queryForObject("select QUERY_ from ACT_RU_FILTER where ID_ = ?", String.class,
        filter.getId());
    assertThat(stored).contains("${currentUser()}");
    jdbc.update("update ACT_RU_FILTER set QUERY_ = ? where ID_ = ?", stored.replace("${currentUser()}", expression),
        filter.getId());
    grantRead("anna", filter);
    return filter;
  }

  /** A user who may create filters (no demo role may), so that the request reaches the engine's query check. */
  private String filterMaker() {
    String id = "filtermaker";
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setPassword(id);
      identityService.saveUser(user);
      // a role that the declaration lets reach the engine REST API (security/roles.yaml), plus CREATE on filters
      identityService.createMembership(id, "sales-managers");
      Authorization grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setUserId(id);
      grant.setResource(Resources.FILTER);
      grant.setResourceId("*");
      grant.addPermission(Permissions.CREATE);
      authorizationService.saveAuthorization(grant);
    }
    return id;
  }

  private void grantRead(String user, Filter filter) {
    Authorization grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setUserId(user);
    grant.setResource(Resources.FILTER);
    grant.setResourceId(filter.getId());
    grant.addPermission(Permissions.READ);
    if (authorizationService.createAuthorizationQuery().userIdIn(user).resourceType(Resources.FILTER)
        .resourceId(filter.getId()).count() == 0) {
      authorizationService.saveAuthorization(grant);
    }
  }

  private Filter myTasks() {
    return filterService.createFilterQuery().filterName("Мои задачи").singleResult();
  }

  private static void assertRefused(ResponseEntity<String> answer) {
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).contains(REFUSED);
  }

  private static void refusedInJava(Runnable call) {
    assertThatThrownBy(call::run).isInstanceOf(BadUserRequestException.class).hasMessageContaining(REFUSED);
  }

  private static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

}
