package com.cjmflow.platform.security;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.EngineClock;
import com.cjmflow.platform.EngineContext;

/**
 * HTTP Basic against the engine's identity service; the granted authorities are the user's Camunda groups.
 * Throttled, never locked for good: the engine delays a user after each wrong password (3 s, doubling, at most 60 s;
 * {@code login-max-attempts} is unlimited), during which this answers 429 with Retry-After; a client address with too
 * many failures is refused for a while ({@link LoginThrottle}). Each throttle is logged. The admin unlocks a user in
 * Admin ({@code IdentityService.unlockUser}). A login verified within the last few seconds with the same password is
 * taken from the {@link LoginCache} (no statement); every identity write empties it, a wrong password forgets the user.
 */
@Component
class CamundaAuthenticationProvider implements AuthenticationProvider {

  private static final Logger LOG = LoggerFactory.getLogger(CamundaAuthenticationProvider.class);

  private final ProcessEngine engine;
  private final IdentityService identity;
  private final LoginThrottle throttle;
  private final RoleDeclaration declaration;
  private final LoginCache cache;

  CamundaAuthenticationProvider(ProcessEngine engine, LoginThrottle throttle, RoleDeclaration declaration,
      LoginCache cache) {
    this.engine = engine;
    this.cache = cache;
    this.identity = engine.getIdentityService();
    this.throttle = throttle;
    this.declaration = declaration;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    String password = authentication.getCredentials() == null ? null : authentication.getCredentials().toString();
    String address = authentication.getDetails() instanceof WebAuthenticationDetails details
        ? details.getRemoteAddress() : "unknown";

    var addressBlocked = throttle.blocked(address);
    if (addressBlocked.isPresent()) {
      LOG.warn("Login of '{}' refused: address {} is over its limit of failed logins for {} s", userId, address,
          addressBlocked.get());
      throw new LoginThrottled("Too many failed logins from this address", addressBlocked.get());
    }
    var known = cache.find(userId, password);
    if (known.isPresent()) {
      return authenticated(userId, known.get().groups(), known.get().tenants());
    }
    long readAt = cache.generation();
    Login login = EngineContext.inCommand(engine, () -> login(userId, password));
    if (login.lockedBefore() > 0) {
      LOG.warn("Login of '{}' from {} refused: the user is throttled for {} s after failed logins", userId, address,
          login.lockedBefore());
      throw new LoginThrottled("Too many failed logins for this user; try again later", login.lockedBefore());
    }
    if (!login.passwordOk()) { // the identity provider forgot the user's cached login (IdentityChangePlugin)
      if (throttle.failed(address)) {
        LOG.warn("Address {} reached {} failed logins: refused for a while", address, throttle.maxFailures());
      }
      if (login.lockedAfter() > 0) {
        LOG.warn("Failed login of '{}' from {}: the user is throttled for {} s", userId, address, login.lockedAfter());
      }
      throw new BadCredentialsException("Wrong user or password");
    }
    cache.put(userId, password, login.groups(), login.tenants(), readAt);
    return authenticated(userId, login.groups(), login.tenants());
  }

  private static Authentication authenticated(String userId, List<String> groups, List<String> tenants) {
    var token = UsernamePasswordAuthenticationToken.authenticated(userId, null,
        groups.stream().map(SimpleGrantedAuthority::new).toList());
    token.setDetails(new EngineIdentity(tenants));
    return token;
  }

  /** What one login found: the throttle before and after the password check, the user's groups and tenants. */
  private record Login(long lockedBefore, boolean passwordOk, long lockedAfter, List<String> groups,
      List<String> tenants) {}

  /** The engine identity of an authenticated caller beyond its groups (the engine authentication filter sets it). */
  record EngineIdentity(List<String> tenants) {}

  /**
   * The whole login in one engine command, so one transaction: the user's row is read once (the password check and
   * the throttle read it from the command's cache), then its groups and tenants. Nothing is thrown inside, so a
   * failed attempt's count commits.
   */
  private Login login(String userId, String password) {
    long lockedBefore = lockedSeconds(userId);
    if (lockedBefore > 0) {
      return new Login(lockedBefore, false, lockedBefore, List.of(), List.of());
    }
    if (userId == null || userId.isBlank() || !identity.checkPassword(userId, password)) {
      return new Login(0, false, lockedSeconds(userId), List.of(), List.of());
    }
    List<Group> memberships = identity.createGroupQuery().groupMember(userId).list();
    List<String> groups = new ArrayList<>(memberships.stream().map(Group::getId).toList());
    // a role created at run time is a group whose type names its access template (read fresh on every login)
    memberships.stream().map(Group::getType).filter(declaration.templates()::containsKey).distinct()
        .map(type -> RoleDeclaration.TEMPLATE_AUTHORITY + type).forEach(groups::add);
    List<String> tenants = identity.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list()
        .stream().map(Tenant::getId).toList();
    return new Login(0, true, 0, groups, tenants);
  }

  private long lockedSeconds(String userId) {
    if (userId == null || userId.isBlank()) {
      return 0;
    }
    User user = identity.createUserQuery().userId(userId).singleResult();
    Date until = user instanceof UserEntity entity ? entity.getLockExpirationTime() : null;
    long millis = until == null ? 0 : until.getTime() - EngineClock.now().toInstant().toEpochMilli();
    return millis <= 0 ? 0 : (millis + 999) / 1000;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
