package com.cjmflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cjmflow.platform.security.RoleDeclaration;

/** Without demo data an installation still gets its admin, role groups and filters, and no demo users. */
class IdentityBootstrapTest {

  @RegisterExtension
  static ProcessEngineExtension engine =
      ProcessEngineExtension.builder().configurationResource("camunda-test.cfg.xml").build();

  private static RoleGrants grants(ProcessEngine processEngine) {
    return new RoleGrants(processEngine.getAuthorizationService(), processEngine.getFilterService(),
        processEngine.getIdentityService(), RoleDeclaration.load(), new AsSystem(processEngine.getIdentityService()));
  }

  @Test
  void productionInstallGetsAdminRolesAndFiltersButNoDemoUsers() {
    ProcessEngine processEngine = engine.getProcessEngine();
    IdentityService identity = processEngine.getIdentityService();
    AuthorizationService authorizations = processEngine.getAuthorizationService();
    FilterService filters = processEngine.getFilterService();

    new IdentityBootstrap(identity, filters, processEngine.getTaskService(), RoleDeclaration.load(),
        grants(processEngine), event -> { }, "s3cret!", false, new DisplayNames("ru", "Europe/Moscow")).converge();

    assertThat(identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).singleResult().getId())
        .isEqualTo("admin");
    assertThat(identity.checkPassword("admin", "s3cret!")).isTrue();
    assertThat(identity.createGroupQuery().groupIdIn("sales-managers", "head-of-sales", "process-owners").count())
        .isEqualTo(3);
    assertThat(identity.createUserQuery().userId("anna").count()).isZero();
    assertThat(filters.createTaskFilterQuery().count()).isEqualTo(6);
  }

  @Test
  void anUpgradedDatabaseLosesTheOldWideGrantsAndTheAdminGetsCamundasDefaults() {
    ProcessEngine processEngine = engine.getProcessEngine();
    AuthorizationService authorizations = processEngine.getAuthorizationService();
    IdentityBootstrap bootstrap = new IdentityBootstrap(processEngine.getIdentityService(),
        processEngine.getFilterService(), processEngine.getTaskService(), RoleDeclaration.load(),
        grants(processEngine), event -> { }, "s3cret!", false, new DisplayNames("ru", "Europe/Moscow"));
    bootstrap.converge();
    // given the grants of the first bootstrap and a per-task grant the engine made for a candidate group
    grant(authorizations, "sales-managers", Resources.PROCESS_DEFINITION, "order-flow", Permissions.ALL);
    grant(authorizations, "head-of-sales", Resources.PROCESS_INSTANCE, "*", Permissions.ALL);
    grant(authorizations, "head-of-sales", Resources.PROCESS_DEFINITION, "*", Permissions.ALL);
    grant(authorizations, "warehouse", Resources.PROCESS_INSTANCE, "*", Permissions.ALL);
    grant(authorizations, "experts", Resources.TASK, "some-task-id", Permissions.READ, Permissions.UPDATE);
    long first = authorizations.createAuthorizationQuery().count();

    bootstrap.converge();
    bootstrap.converge();

    assertThat(granted(authorizations, "sales-managers", Permissions.UPDATE_INSTANCE,
        Resources.PROCESS_DEFINITION, "order-flow")).isFalse();
    assertThat(granted(authorizations, "sales-managers", ProcessDefinitionPermissions.READ_INSTANCE,
        Resources.PROCESS_DEFINITION, "order-flow")).isTrue();
    assertThat(granted(authorizations, "head-of-sales", Permissions.DELETE,
        Resources.PROCESS_DEFINITION, "order-flow")).isFalse();
    assertThat(granted(authorizations, "head-of-sales", Permissions.UPDATE,
        Resources.PROCESS_INSTANCE, "any-instance")).isFalse();
    assertThat(authorizations.createAuthorizationQuery().groupIdIn("experts").resourceType(Resources.TASK)
        .resourceId("some-task-id").count()).as("the engine's per-task grant stays").isOne();
    assertThat(granted(authorizations, "warehouse", Permissions.UPDATE,
        Resources.PROCESS_INSTANCE, "any-instance")).isFalse();
    assertThat(authorizations.createAuthorizationQuery().count()).as("removed, idempotent").isEqualTo(first - 1);
    for (Resources resource : Resources.values()) {
      assertThat(granted(authorizations, Groups.CAMUNDA_ADMIN, Permissions.ALL, resource,
          "*")).as("admin ALL on %s", resource).isTrue();
    }
  }

  /** Whether a group's grants (on the id or on any id) include the permission (authorization checks are off here). */
  private static boolean granted(AuthorizationService authorizations, String group, Permission permission,
      Resources resource, String id) {
    return authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(resource).list().stream()
        .filter(auth -> auth.getResourceId().equals(id) || "*".equals(auth.getResourceId()))
        .anyMatch(auth -> auth.isPermissionGranted(permission));
  }

  private static void grant(AuthorizationService authorizations, String group, Resources resource, String id,
      Permission... permissions) {
    Authorization auth = authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(resource)
        .resourceId(id).list().stream().findFirst()
        .orElseGet(() -> authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT));
    auth.setGroupId(group);
    auth.setResource(resource);
    auth.setResourceId(id);
    for (Permission permission : permissions) {
      auth.addPermission(permission);
    }
    authorizations.saveAuthorization(auth);
  }
}
