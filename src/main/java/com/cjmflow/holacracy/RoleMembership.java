package com.cjmflow.holacracy;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.AsSystem;
import com.cjmflow.platform.EngineContext;
import com.cjmflow.platform.RoleGrants;

/**
 * The holacracy module's facade to Camunda: a role's group and its grants, who is a member of it, and the tasks of
 * a member. Every call joins the caller's transaction (the engine shares Spring's), so an assignment and its group
 * membership commit together and hold on every node at once; the engine's rights are used, the endpoint and
 * {@link Governance} having authorized the caller.
 */
@Component
class RoleMembership {

  /** The access template of {@code security/roles.yaml} every role made at run time gets. */
  static final String TEMPLATE = "holacracy-role";

  /** An open task assigned to a member: its id, order business key and candidate groups. */
  record AssignedTask(String id, String name, String processInstanceId, List<String> candidateGroups) {}

  private final IdentityService identity;
  private final TaskService tasks;
  private final RoleGrants grants;
  private final AsSystem asSystem;
  private final JdbcClient jdbc;

  RoleMembership(IdentityService identity, TaskService tasks, RoleGrants grants, AsSystem asSystem,
      JdbcClient jdbc) {
    this.identity = identity;
    this.tasks = tasks;
    this.grants = grants;
    this.asSystem = asSystem;
    this.jdbc = jdbc;
  }

  boolean isReserved(String key) {
    return grants.isReserved(key);
  }

  boolean isDeclared(String key) {
    return grants.isDeclared(key);
  }

  /**
   * A role made at run time gets its group and the template's grants: Tasklist, its candidate tasks, and reading the
   * process definitions whose models name it. A declared role keeps what {@code roles.yaml} declares.
   */
  void roleChanged(String roleKey, String name) {
    if (grants.isDeclared(roleKey)) {
      return;
    }
    List<String> processes = jdbc.sql(
        "select distinct process_key from crm_holacracy_model_roles where role_key = :roleKey")
        .param("roleKey", roleKey).query(String.class).list();
    grants.applyTemplate(TEMPLATE, roleKey, name, processes);
  }

  /**
   * A Camunda group of this id exists that is neither declared nor a run-time role (made in Admin for something
   * else): a role must not take it over, which would replace its grants with the template's.
   */
  boolean isForeignGroup(String key) {
    return !grants.isDeclared(key) && asSystem.call(() -> {
      var group = identity.createGroupQuery().groupId(key).singleResult();
      return group != null && !TEMPLATE.equals(group.getType());
    });
  }

  boolean userExists(String userId) {
    return asSystem.call(() -> identity.createUserQuery().userId(userId).count() > 0);
  }

  /** Makes the user a member of the role's group, or not. */
  void member(String userId, String roleKey, boolean member) {
    asSystem.run(() -> {
      boolean is = identity.createUserQuery().userId(userId).memberOfGroup(roleKey).count() > 0;
      if (member && !is) {
        if (identity.createGroupQuery().groupId(roleKey).count() == 0) {
          throw new IllegalStateException("Group " + roleKey + " does not exist");
        }
        identity.createMembership(userId, roleKey);
      } else if (!member && is) {
        identity.deleteMembership(userId, roleKey);
      }
    });
  }

  /**
   * Whether the user is a member of the role's group. For the authenticated caller (continuity handing the next task
   * to whoever just completed one) the groups the engine authorizes them by answer it without a query.
   */
  boolean isMember(String userId, String roleKey) {
    return EngineContext.groupsIfCaller(identity, userId).map(groups -> groups.contains(roleKey)).orElseGet(() ->
        asSystem.call(() -> identity.createUserQuery().userId(userId).memberOfGroup(roleKey).count() > 0));
  }

  List<String> members(String roleKey) {
    return asSystem.call(() -> identity.createUserQuery().memberOfGroup(roleKey).list().stream()
        .map(org.camunda.bpm.engine.identity.User::getId).toList());
  }

  /** The user's open tasks, with their candidate groups. */
  List<AssignedTask> assignedTo(String userId) {
    return asSystem.call(() -> tasks.createTaskQuery().taskAssignee(userId).list().stream()
        .map(task -> new AssignedTask(task.getId(), task.getName(), task.getProcessInstanceId(),
            candidateGroups(task))).toList());
  }

  /** Hands a task to someone else, or back to its role ({@code null}). */
  void reassign(String taskId, String userId) {
    asSystem.run(() -> tasks.setAssignee(taskId, userId));
  }

  private List<String> candidateGroups(Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(link -> link.getGroupId()).toList();
  }
}
