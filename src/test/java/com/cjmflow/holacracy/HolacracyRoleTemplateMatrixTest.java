package com.cjmflow.holacracy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

import com.cjmflow.ApiTestSupport;
import com.cjmflow.notifications.RoleCover;
import com.cjmflow.platform.security.RoleDeclaration;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code holacracy-role} template of {@code security/roles.yaml} cell by cell, as {@code RoleMatrixIntegrationTest}
 * does for the declared roles: a member of a role made at run time reaches exactly the CRM operations the
 * declaration opens to the template (403 elsewhere), and on the engine REST API only its own role's work.
 */
class HolacracyRoleTemplateMatrixTest extends ApiTestSupport {

  private static final RoleDeclaration DECLARATION = RoleDeclaration.load();
  private static final String TEMPLATE = "holacracy-role";

  @Autowired IdentityService identity;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired RoleCover cover;

  private static String member;
  private static String processKey;
  private static String roleKey;

  @TestFactory
  Stream<DynamicTest> aRunTimeRoleReachesExactlyTheTemplatesOperations() {
    prepare();
    List<DynamicTest> cells = new ArrayList<>();
    JsonNode paths = read(call("olga", HttpMethod.GET, "/v3/api-docs", null)).get("paths");
    paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
      String verb = method.toUpperCase();
      if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(verb)) {
        String concrete = path.getKey().replaceAll("\\{userId}", member).replaceAll("\\{[^}]+}", "999999999");
        cells.add(DynamicTest.dynamicTest(verb + " " + path.getKey(), () -> cell(verb, concrete)));
      }
    }));
    assertThat(cells).hasSizeGreaterThan(40);
    return cells.stream();
  }

  private void cell(String method, String path) {
    boolean allowed = declared(method, path);
    Object body = "GET".equals(method) || "DELETE".equals(method) ? null : "{}";
    ResponseEntity<String> answer = call(member, HttpMethod.valueOf(method), path, body);
    if (allowed) {
      assertThat(answer.getStatusCode().value()).as("%s %s: %s", method, path, answer.getBody())
          .isNotIn(401, 403).isLessThan(500);
    } else {
      assertThat(answer.getStatusCode()).as("%s %s: %s", method, path, answer.getBody())
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
  }

  @TestFactory
  Stream<DynamicTest> onTheEngineOnlyItsOwnRolesWork() {
    prepare();
    String order = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("tpl-" + UUID.randomUUID(),
        false, false))).get("processInstanceId").asText();
    return Stream.of(
        DynamicTest.dynamicTest("sees its role's task", () -> assertThat(read(call(member, HttpMethod.GET,
            "/engine-rest/task?processDefinitionKey=" + processKey, null))).isNotEmpty()),
        DynamicTest.dynamicTest("reads its process definition", () -> assertThat(call(member, HttpMethod.GET,
            "/engine-rest/process-definition/key/" + processKey, null).getStatusCode()).isEqualTo(HttpStatus.OK)),
        DynamicTest.dynamicTest("sees no order task", () -> assertThat(read(call(member, HttpMethod.GET,
            "/engine-rest/task?processInstanceId=" + order, null))).isEmpty()),
        DynamicTest.dynamicTest("sees no order instance", () -> assertThat(read(call(member, HttpMethod.GET,
            "/engine-rest/process-instance?processInstanceIds=" + order, null))).isEmpty()),
        DynamicTest.dynamicTest("starts nothing", () -> assertThat(call(member, HttpMethod.POST,
            "/engine-rest/process-definition/key/" + processKey + "/start", Map.of()).getStatusCode())
            .isEqualTo(HttpStatus.FORBIDDEN)),
        DynamicTest.dynamicTest("cancels no order", () -> assertThat(call(member, HttpMethod.DELETE,
            "/engine-rest/process-instance/" + order, null).getStatusCode().value()).isIn(403, 404)),
        DynamicTest.dynamicTest("deploys nothing", () -> assertThat(call(member, HttpMethod.GET,
            "/engine-rest/deployment", null).getBody()).isEqualTo("[]")),
        DynamicTest.dynamicTest("a group named like the template is no template", () -> {
          String impostor = HolacracyIntegrationTest.newUser(identity, "tx");
          if (identity.createGroupQuery().groupId(TEMPLATE).count() == 0) {
            identity.saveGroup(identity.newGroup(TEMPLATE));
          }
          identity.createMembership(impostor, TEMPLATE);
          assertThat(call(impostor, HttpMethod.GET, "/api/v1/crm/holacracy/overview", null).getStatusCode())
              .isEqualTo(HttpStatus.FORBIDDEN);
        }),
        DynamicTest.dynamicTest("mail of the role goes to whoever covers it", () -> {
          assertThat(cover.coveringUsers(roleKey, List.of(member))).containsExactly(member);
          String standIn = HolacracyIntegrationTest.newUser(identity, "ts");
          var now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
          assertThat(call("olga", HttpMethod.PATCH, "/api/v1/crm/holacracy/members/" + member + "/profile",
              Map.of("absences", List.of(Map.of("from", now.minusHours(1).toString(), "until",
                  now.plusHours(2).toString(), "standIn", standIn)))).getStatusCode()).isEqualTo(HttpStatus.OK);
          assertThat(cover.coveringUsers(roleKey, List.of(member))).containsExactly(standIn);
          assertThat(cover.coverNote(roleKey, null, "ru")).get().asString().contains(member).contains(standIn);
          assertThat(call("olga", HttpMethod.PATCH, "/api/v1/crm/holacracy/members/" + member + "/profile",
              Map.of("absences", List.of())).getStatusCode()).isEqualTo(HttpStatus.OK);
        }));
  }

  /** What the declaration says for the template (matched independently of the production matcher). */
  private boolean declared(String method, String path) {
    PathContainer container = PathContainer.parsePath(path);
    for (RoleDeclaration.Endpoint endpoint : DECLARATION.endpoints()) {
      if (!endpoint.method().equals(method) && !RoleDeclaration.ANY_METHOD.equals(endpoint.method())) {
        continue;
      }
      var match = new PathPatternParser().parse(endpoint.path()).matchAndExtract(container);
      if (match != null && (endpoint.allows(TEMPLATE) || endpoint.own().contains(TEMPLATE))) {
        return true; // own: the only user id in these paths is the member's own
      }
    }
    return false;
  }

  private synchronized void prepare() {
    if (member != null) {
      return;
    }
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    roleKey = "tplrole-" + suffix;
    processKey = "tpl-" + suffix;
    repository.createDeployment().name("template " + suffix).addString(processKey + ".bpmn",
        HolacracyIntegrationTest.MODEL.formatted(processKey, roleKey).strip()).deploy();
    runtime.startProcessInstanceByKey(processKey);
    member = HolacracyIntegrationTest.newUser(identity, "tm");
    assertThat(call("olga", HttpMethod.POST, "/api/v1/crm/holacracy/roles/" + roleKey + "/assign",
        Map.of("userId", member)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }
}
