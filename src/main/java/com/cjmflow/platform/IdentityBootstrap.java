package com.cjmflow.platform;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * First start only: the admin, the role groups, the authorizations each role needs and the Tasklist filters — on
 * every installation, since the admin set-up page stays closed (CVE-2026-77226). The admin's password comes from
 * {@code CJM_ADMIN_PASSWORD} or is generated and logged once. With {@code cjm.demo-data.enabled} also one demo user
 * per role, whose password is the user id (see README).
 */
@Component
class IdentityBootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(IdentityBootstrap.class);
  static final String PROCESS_OWNERS = "process-owners";
  static final String SALES_MANAGERS = "sales-managers";
  static final String EXPERTS = "experts";
  static final String WAREHOUSE = "warehouse";
  static final String LOGISTICS = "logistics";
  static final String HEAD_OF_SALES = "head-of-sales";
  static final String INTEGRATIONS = "integrations";
  private static final List<String> BUSINESS_GROUPS =
      List.of(PROCESS_OWNERS, SALES_MANAGERS, EXPERTS, WAREHOUSE, LOGISTICS, HEAD_OF_SALES);

  private record DemoUser(String id, String first, String last, String group) {}

  private static final List<DemoUser> USERS = List.of(
      new DemoUser("olga", "Olga", "Orlova", PROCESS_OWNERS),
      new DemoUser("anna", "Anna", "Sokolova", SALES_MANAGERS),
      new DemoUser("boris", "Boris", "Ivanov", SALES_MANAGERS),
      new DemoUser("egor", "Egor", "Smirnov", EXPERTS),
      new DemoUser("vera", "Vera", "Kuznetsova", WAREHOUSE),
      new DemoUser("lev", "Lev", "Popov", LOGISTICS),
      new DemoUser("galina", "Galina", "Volkova", HEAD_OF_SALES),
      new DemoUser("booking", "Booking", "System", INTEGRATIONS));

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final TaskService tasks;
  private final String adminPassword;
  private final boolean demoUsers;

  IdentityBootstrap(IdentityService identity, AuthorizationService authorizations, FilterService filters,
      TaskService tasks, @Value("${CJM_ADMIN_PASSWORD:}") String adminPassword,
      @Value("${cjm.demo-data.enabled:false}") boolean demoUsers) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.filters = filters;
    this.tasks = tasks;
    this.adminPassword = adminPassword;
    this.demoUsers = demoUsers;
  }

  @EventListener(ApplicationReadyEvent.class)
  void createOnFirstStart() {
    if (identity.createGroupQuery().groupId(SALES_MANAGERS).count() > 0) {
      return;
    }
    createAdmin();
    group(PROCESS_OWNERS, "Process owners");
    group(SALES_MANAGERS, "Sales managers");
    group(EXPERTS, "Experts");
    group(WAREHOUSE, "Warehouse");
    group(LOGISTICS, "Logistics");
    group(HEAD_OF_SALES, "Head of sales");
    group(INTEGRATIONS, "Integrations (booking system, website, ERP)");
    grantRoles();
    createFilters();
    if (demoUsers) {
      USERS.forEach(u -> user(u.id(), u.first(), u.last(), u.id(), u.group()));
      LOG.info("Demo users created: {} (password = user id)", USERS.stream().map(DemoUser::id).toList());
    }
  }

  private void createAdmin() {
    String password = adminPassword.isBlank() ? generatedPassword() : adminPassword;
    group(Groups.CAMUNDA_ADMIN, "Camunda administrators", Groups.GROUP_TYPE_SYSTEM);
    user("admin", "Admin", "Istrator", password, Groups.CAMUNDA_ADMIN);
    if (adminPassword.isBlank()) {
      LOG.warn("Created user 'admin' with the generated password '{}'. It is shown only this once; set "
          + "CJM_ADMIN_PASSWORD to choose it.", password);
    }
  }

  private void grantRoles() {
    for (String group : BUSINESS_GROUPS) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      grant(group, Resources.PROCESS_DEFINITION, "*", Permissions.READ, ProcessDefinitionPermissions.READ_TASK,
          ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
    }
    for (String group : List.of(SALES_MANAGERS, HEAD_OF_SALES, INTEGRATIONS)) {
      grant(group, Resources.PROCESS_DEFINITION, "order-flow", Permissions.READ,
          ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.UPDATE_INSTANCE,
          ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK);
      grant(group, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    }
    for (String group : List.of(SALES_MANAGERS, HEAD_OF_SALES)) {
      for (String process : List.of("manager-followup", "stage-hold")) {
        grant(group, Resources.PROCESS_DEFINITION, process, Permissions.READ,
            ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_INSTANCE,
            ProcessDefinitionPermissions.READ_TASK);
      }
    }
    for (String group : List.of(PROCESS_OWNERS, HEAD_OF_SALES)) {
      grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
      grant(group, Resources.PROCESS_DEFINITION, "*", Permissions.ALL);
      grant(group, Resources.PROCESS_INSTANCE, "*", Permissions.ALL);
      grant(group, Resources.TASK, "*", Permissions.ALL);
      grant(group, Resources.DECISION_DEFINITION, "*", Permissions.READ);
      grant(group, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
      grant(group, Resources.DEPLOYMENT, "*", Permissions.READ);
    }
    // Deploying a model is code execution: only the process owners may do it.
    grant(PROCESS_OWNERS, Resources.DEPLOYMENT, "*", Permissions.ALL);
    grant(PROCESS_OWNERS, Resources.DECISION_DEFINITION, "*", Permissions.ALL);
    grant(PROCESS_OWNERS, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.ALL);
  }

  private void createFilters() {
    filter("My tasks", -10, tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"), BUSINESS_GROUPS);
    filter("My roles' tasks", 0,
        tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks(),
        BUSINESS_GROUPS);
    filter("All open tasks", 10, tasks.createTaskQuery(), List.of(HEAD_OF_SALES, PROCESS_OWNERS));
  }

  private void filter(String name, int priority, TaskQuery query, List<String> readers) {
    Filter filter = filters.newTaskFilter(name).setQuery(query).setProperties(Map.of(
        "priority", priority, "refresh", true, "description", name,
        "variables", List.of(Map.of("name", "orderId", "label", "Order"))));
    filters.saveFilter(filter);
    readers.forEach(group -> grant(group, Resources.FILTER, filter.getId(), Permissions.READ));
  }

  private void group(String id, String name) {
    group(id, name, Groups.GROUP_TYPE_WORKFLOW);
  }

  private void group(String id, String name, String type) {
    Group group = identity.newGroup(id);
    group.setName(name);
    group.setType(type);
    identity.saveGroup(group);
  }

  private void user(String id, String first, String last, String password, String groupId) {
    User user = identity.newUser(id);
    user.setFirstName(first);
    user.setLastName(last);
    user.setEmail(id + "@cjmflow.example");
    user.setPassword(password);
    identity.saveUser(user);
    identity.createMembership(id, groupId);
  }

  private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization auth = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).singleResult();
    if (auth == null) {
      auth = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      auth.setGroupId(groupId);
      auth.setResource(resource);
      auth.setResourceId(resourceId);
    }
    for (Permission permission : permissions) {
      auth.addPermission(permission);
    }
    authorizations.saveAuthorization(auth);
  }

  private static String generatedPassword() {
    byte[] bytes = new byte[15];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
