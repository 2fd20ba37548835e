package com.cjmflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;

/**
 * No permanent lockout from outside: a wrong password delays its user (429 with Retry-After, growing, at most 60 s),
 * never locks it for good, the admin unlocks; an address with too many failures is refused for a while; every
 * throttle is logged. Each test uses its own user (a throttled user stays throttled for the next calls).
 */
@ExtendWith(OutputCaptureExtension.class)
class LoginThrottleIntegrationTest extends ApiTestSupport {

  @Autowired IdentityService identity;
  @Autowired LoginThrottle throttle;

  @AfterEach
  void realTime() {
    ClockUtil.reset();
    throttle.reset();
  }

  @Test
  void aWrongPasswordDelaysTheUserAndTheAdminUnlocks(CapturedOutput log) {
    String user = probe();
    ClockUtil.setCurrentTime(new Date());

    assertThat(basic(user, "wrong").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<String> throttled = basic(user, user);
    assertThat(throttled.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(throttled.getHeaders().getFirst("Retry-After")).isEqualTo("3");
    assertThat(read(throttled).get("type").asText()).isEqualTo("urn:cjm:problem:login-throttled");
    assertThat(log.getOut()).contains("Failed login of '" + user + "'", "throttled for 3 s");

    // the admin unlocks (Admin's "unlock" = POST /user/{id}/unlock, camunda-admin only)
    assertThat(call("anna", HttpMethod.POST, "/engine-rest/user/" + user + "/unlock", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call(admin(), HttpMethod.POST, "/engine-rest/user/" + user + "/unlock", null).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(basic(user, user).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void twentyWrongPasswordsNeverLockForGood() {
    String user = probe();
    Date now = new Date();
    for (int i = 0; i < 20; i++) {
      now = new Date(now.getTime() + 61_000);
      ClockUtil.setCurrentTime(now);
      assertThat(basic(user, "wrong-" + i).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    ResponseEntity<String> meanwhile = basic(user, user);
    assertThat(meanwhile.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(Long.parseLong(meanwhile.getHeaders().getFirst("Retry-After"))).isBetween(1L, 60L);

    ClockUtil.setCurrentTime(new Date(now.getTime() + 61_000));
    assertThat(basic(user, user).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void anAddressWithTooManyFailuresIsRefusedForAWhile(CapturedOutput log) {
    throttle.reset();
    for (int i = 0; i < throttle.maxFailures(); i++) {
      assertThat(basic("nobody-" + UUID.randomUUID(), "x").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    ResponseEntity<String> refused = basic("anna", "anna");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(Long.parseLong(refused.getHeaders().getFirst("Retry-After"))).isBetween(1L, 601L);
    assertThat(log.getOut()).contains("is over its limit of failed logins");

    throttle.reset();
    assertThat(basic("anna", "anna").getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  private String probe() {
    String id = "throttle" + UUID.randomUUID().toString().substring(0, 8);
    User user = identity.newUser(id);
    user.setPassword(id);
    identity.saveUser(user);
    identity.createMembership(id, "experts");
    return id;
  }

  private String admin() {
    if (identity.createUserQuery().userId("throttleadmin").count() == 0) {
      User admin = identity.newUser("throttleadmin");
      admin.setPassword("throttleadmin");
      identity.saveUser(admin);
      identity.createMembership("throttleadmin", "camunda-admin");
    }
    return "throttleadmin";
  }

  private ResponseEntity<String> basic(String user, String password) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, password);
    return http.exchange("/api/v1/crm/sla/calendars", HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }
}
