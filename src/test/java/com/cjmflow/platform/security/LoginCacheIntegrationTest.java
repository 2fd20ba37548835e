package com.cjmflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;

/**
 * The verified-login cache never outlives an identity change on this node: a changed password, a removed or added
 * membership, a deleted user, a tenant membership take effect on the next request; a wrong password after a cached
 * login still meets the engine's throttle. Each test checks first that the login was cached (else it would prove
 * nothing) and uses its own user (a throttled user stays throttled).
 */
class LoginCacheIntegrationTest extends ApiTestSupport {

  private static final String MANAGERS_ONLY = "/api/v1/crm/customers"; // sales managers yes, experts no

  @Autowired IdentityService identity;
  @Autowired LoginCache cache;
  @Autowired LoginThrottle throttle;

  @AfterEach
  void forgetFailures() {
    throttle.reset();
  }

  @Test
  void aChangedPasswordRefusesTheOldOneAtOnce() {
    String user = manager();
    assertThat(get(user, user).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(cache.find(user, user)).as("the login is cached").isPresent();

    User changed = identity.createUserQuery().userId(user).singleResult();
    changed.setPassword("new-" + user);
    identity.saveUser(changed);

    assertThat(cache.find(user, user)).isEmpty();
    assertThat(get(user, user).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    identity.unlockUser(user); // the failed attempt above delays the user
    assertThat(get(user, "new-" + user).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void aRemovedMembershipRefusesAtOnceAndAnAddedOneAllows() {
    String user = manager();
    assertThat(get(user, user).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(cache.find(user, user)).isPresent();

    identity.deleteMembership(user, "sales-managers");
    assertThat(get(user, user).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(cache.find(user, user).orElseThrow().groups()).doesNotContain("sales-managers");

    identity.createMembership(user, "sales-managers");
    assertThat(get(user, user).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void aGroupChangeForgetsEveryLoginAndAnotherUsersChangeKeepsThisOne() {
    String user = manager();
    assertThat(get(user, user).getStatusCode()).isEqualTo(HttpStatus.OK);
    manager(); // another user joins a group
    assertThat(cache.find(user, user)).isPresent();

    var group = identity.createGroupQuery().groupId("sales-managers").singleResult();
    identity.saveGroup(group); // e.g. its type (the access template) changed
    assertThat(cache.find(user, user)).isEmpty();
  }

  @Test
  void aDeletedUserIsRefusedAtOnce() {
    String user = manager();
    assertThat(get(user, user).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(cache.find(user, user)).isPresent();

    identity.deleteUser(user);
    assertThat(get(user, user).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aTenantMembershipIsSeenAtOnce() {
    String user = manager();
    assertThat(get(user, user).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(cache.find(user, user).orElseThrow().tenants()).isEmpty();

    String tenant = "t" + user;
    identity.saveTenant(identity.newTenant(tenant));
    identity.createTenantUserMembership(tenant, user);
    assertThat(cache.find(user, user)).isEmpty();
    assertThat(get(user, user).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(cache.find(user, user).orElseThrow().tenants()).containsExactly(tenant);
    identity.deleteTenant(tenant);
    assertThat(cache.find(user, user)).isEmpty();
  }

  @Test
  void aWrongPasswordAfterACachedLoginStillMeetsTheThrottle() {
    String user = manager();
    assertThat(get(user, user).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(cache.find(user, user)).isPresent();

    assertThat(get(user, "wrong").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(cache.find(user, user)).as("a failed password forgets the user").isEmpty();
    ResponseEntity<String> throttled = get(user, user);
    assertThat(throttled.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(throttled.getHeaders().getFirst("Retry-After")).isNotNull();
  }

  private String manager() {
    String user = newUser(identity, "cache");
    identity.createMembership(user, "sales-managers");
    return user;
  }

  private ResponseEntity<String> get(String user, String password) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, password);
    return http.exchange(MANAGERS_ONLY, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }
}
