package com.cjmflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cjmflow.platform.security.RoleDeclaration;

/** Without demo data an installation still gets its admin, role groups and filters, and no demo users. */
class IdentityBootstrapTest {

  @RegisterExtension
  static ProcessEngineExtension engine =
      ProcessEngineExtension.builder().configurationResource("camunda-test.cfg.xml").build();

  @Test
  void productionInstallGetsAdminRolesAndFiltersButNoDemoUsers() {
    ProcessEngine processEngine = engine.getProcessEngine();
    IdentityService identity = processEngine.getIdentityService();
    AuthorizationService authorizations = processEngine.getAuthorizationService();
    FilterService filters = processEngine.getFilterService();

    new IdentityBootstrap(identity, authorizations, filters, processEngine.getTaskService(), RoleDeclaration.load(),
        "s3cret!", false).converge();

    assertThat(identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).singleResult().getId())
        .isEqualTo("admin");
    assertThat(identity.checkPassword("admin", "s3cret!")).isTrue();
    assertThat(identity.createGroupQuery().groupIdIn("sales-managers", "head-of-sales", "process-owners").count())
        .isEqualTo(3);
    assertThat(identity.createUserQuery().userId("anna").count()).isZero();
    assertThat(filters.createTaskFilterQuery().count()).isEqualTo(3);
  }
}
