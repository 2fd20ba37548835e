package com.cjmflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import com.cjmflow.ApiTestSupport;

/**
 * Engine queries skip their revoke clauses only while no revoke authorization exists: a revoke saved on this node
 * hides what it revokes on the very next request, and deleting it shows it again.
 */
class RevokeAuthorizationsIntegrationTest extends ApiTestSupport {

  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;

  @Test
  void aRevokeTakesEffectOnTheNextRequest() {
    String user = newUser(identity, "revoke");
    identity.createMembership(user, "sales-managers");
    long orderId = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("revoke-" + user, false,
        false))).get("orderId").asLong();
    String cjm = "/api/v1/crm/orders/" + orderId + "/cjm";
    assertThat(call(user, HttpMethod.GET, cjm, null).getStatusCode()).isEqualTo(HttpStatus.OK);

    Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setUserId(user);
    revoke.setResource(Resources.PROCESS_DEFINITION);
    revoke.setResourceId("order-flow");
    revoke.removePermission(Permissions.READ_HISTORY); // a revoke lists what it takes away by clearing it
    authorizations.saveAuthorization(revoke);
    try {
      assertThat(call(user, HttpMethod.GET, cjm, null).getStatusCode()).as("the order's history is revoked")
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(call("anna", HttpMethod.GET, cjm, null).getStatusCode()).as("for that user only")
          .isEqualTo(HttpStatus.OK);
    } finally {
      authorizations.deleteAuthorization(revoke.getId());
    }
    assertThat(call(user, HttpMethod.GET, cjm, null).getStatusCode()).isEqualTo(HttpStatus.OK);
  }
}
