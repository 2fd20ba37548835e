package com.cjmflow.platform;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
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

import com.cjmflow.platform.RoleGrants.TaskFilter;
import com.cjmflow.platform.security.RoleDeclaration;

/**
 * Brings the identity set-up to {@code security/roles.yaml} on every start (idempotent): the role groups, the
 * Tasklist filters, and for each declared group exactly the declared engine authorizations — grants the declaration
 * no longer gives are removed, so an upgraded database loses old wide grants. The engine's own per-task grants to
 * candidate groups and assignees are left alone. {@code camunda-admin} gets ALL on every resource type, as Camunda's
 * admin-user bootstrap does. On the first start the admin is created (password from {@code CJM_ADMIN_PASSWORD}, else
 * generated and logged once; the admin set-up page stays closed, CVE-2026-77226); with {@code cjm.demo-data.enabled}
 * also one demo user per role whose password is the user id (see README).
 */
@Component
class IdentityBootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(IdentityBootstrap.class);

  private record DemoUser(String id, String first, String last, String group) {}

  private static final List<DemoUser> USERS = List.of(
      new DemoUser("olga", "Olga", "Orlova", "process-owners"),
      new DemoUser("anna", "Anna", "Sokolova", "sales-managers"),
      new DemoUser("boris", "Boris", "Ivanov", "sales-managers"),
      new DemoUser("egor", "Egor", "Smirnov", "experts"),
      new DemoUser("vera", "Vera", "Kuznetsova", "warehouse"),
      new DemoUser("lev", "Lev", "Popov", "logistics"),
      new DemoUser("galina", "Galina", "Volkova", "head-of-sales"),
      new DemoUser("booking", "Booking", "System", "integrations"));

  private final IdentityService identity;
  private final FilterService filters;
  private final TaskService tasks;
  private final RoleDeclaration declaration;
  private final RoleGrants grants;
  private final org.springframework.context.ApplicationEventPublisher events;
  private final String adminPassword;
  private final boolean demoUsers;
  private final DisplayNames names;

  IdentityBootstrap(IdentityService identity, FilterService filters,
      TaskService tasks, RoleDeclaration declaration, RoleGrants grants,
      org.springframework.context.ApplicationEventPublisher events,
      @Value("${CJM_ADMIN_PASSWORD:}") String adminPassword,
      @Value("${cjm.demo-data.enabled:false}") boolean demoUsers, DisplayNames names) {
    this.names = names;
    this.identity = identity;
    this.filters = filters;
    this.tasks = tasks;
    this.declaration = declaration;
    this.grants = grants;
    this.events = events;
    this.adminPassword = adminPassword;
    this.demoUsers = demoUsers;
  }

  @EventListener(ApplicationReadyEvent.class)
  void converge() {
    declaration.roles().values().forEach(this::group);
    createAdminOnFirstStart();
    filters();
    declaration.roles().values().forEach(grants::converge);
    if (demoUsers) {
      USERS.forEach(u -> user(u.id(), u.first(), u.last(), u.id(), u.group()));
    }
    events.publishEvent(new IdentityConverged());
  }

  private void createAdminOnFirstStart() {
    if (identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() > 0
        || identity.createUserQuery().userId("admin").count() > 0) {
      return;
    }
    String password = adminPassword.isBlank() ? generatedPassword() : adminPassword;
    user("admin", "Admin", "Istrator", password, Groups.CAMUNDA_ADMIN);
    if (adminPassword.isBlank()) {
      LOG.warn("Created user 'admin' with the generated password '{}'. It is shown only this once; set "
          + "CJM_ADMIN_PASSWORD to choose it.", password);
    }
  }

  /**
   * The Tasklist filters, named in the company's language ({@link DisplayNames}), each row showing the order, the
   * customer and the bike. "Due today" means due within the next 24 hours and not yet overdue (stored filters may use
   * only {@code now()} and {@code dateTime().plus…()}, see {@code QueryExpressionGuard}).
   */
  private void filters() {
    filter(TaskFilter.MY_TASKS, -20, tasks.createTaskQuery()
        .taskAssigneeExpression("${currentUser()}"));
    filter(TaskFilter.MY_ROLES_TASKS, -10, tasks.createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks());
    filter(TaskFilter.OVERDUE, 0, tasks.createTaskQuery()
        .dueBeforeExpression("${now()}").orderByDueDate().asc());
    filter(TaskFilter.DUE_TODAY, 5, tasks.createTaskQuery()
        .dueAfterExpression("${now()}").dueBeforeExpression("${dateTime().plusDays(1)}").orderByDueDate().asc());
    filter(TaskFilter.SLA_BREACHES, 8, tasks.createTaskQuery()
        .taskCandidateGroup("head-of-sales").includeAssignedTasks().orderByTaskCreateTime().desc());
    filter(TaskFilter.ALL_OPEN_TASKS, 10, tasks.createTaskQuery());
  }

  private void filter(TaskFilter kind, int priority, TaskQuery query) {
    String name = names.filter(kind.name());
    Filter existing = filters.createTaskFilterQuery().list().stream()
        .filter(f -> kind.name().equals(f.getProperties().get(RoleGrants.FILTER_KIND)) || name.equals(f.getName())
            || DisplayNames.english().filter(kind.name()).equals(f.getName()))
        .findFirst().orElse(null);
    Filter filter = existing == null ? filters.newTaskFilter(name) : existing;
    filter.setName(name).setQuery(query).setProperties(Map.of(
        "priority", priority, "refresh", true, "description", names.filter(kind.name() + ".description"),
        RoleGrants.FILTER_KIND, kind.name(),
        "variables", List.of(Map.of("name", "orderId", "label", names.filter("variable.orderId")),
            Map.of("name", "customerName", "label", names.filter("variable.customerName")),
            Map.of("name", "bikeTitle", "label", names.filter("variable.bikeTitle")))));
    filters.saveFilter(filter);
  }

  private void group(RoleDeclaration.Role role) {
    if (identity.createGroupQuery().groupId(role.group()).count() > 0) {
      return;
    }
    Group group = identity.newGroup(role.group());
    group.setName(role.name());
    group.setType(role.admin() ? Groups.GROUP_TYPE_SYSTEM : Groups.GROUP_TYPE_WORKFLOW);
    identity.saveGroup(group);
  }

  private void user(String id, String first, String last, String password, String groupId) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setFirstName(first);
      user.setLastName(last);
      user.setEmail(id + "@cjmflow.example");
      user.setPassword(password);
      identity.saveUser(user);
      LOG.info("Created user {} in {}", id, groupId);
    }
    if (identity.createUserQuery().userId(id).memberOfGroup(groupId).count() == 0) {
      identity.createMembership(id, groupId);
    }
  }

  private static String generatedPassword() {
    byte[] bytes = new byte[15];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static List<String> demoUserIds() {
    return new ArrayList<>(USERS.stream().map(DemoUser::id).toList());
  }
}
