package com.cjmflow.platform.security;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
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

/**
 * HTTP Basic against the engine's identity service; the granted authorities are the user's Camunda groups.
 * Throttled, never locked for good: the engine delays a user after each wrong password (3 s, doubling, at most 60 s;
 * {@code login-max-attempts} is unlimited), during which this answers 429 with Retry-After; a client address with too
 * many failures is refused for a while ({@link LoginThrottle}). Each throttle is logged. The admin unlocks a user in
 * Admin ({@code IdentityService.unlockUser}).
 */
@Component
class CamundaAuthenticationProvider implements AuthenticationProvider {

  private static final Logger LOG = LoggerFactory.getLogger(CamundaAuthenticationProvider.class);

  private final IdentityService identity;
  private final LoginThrottle throttle;
  private final RoleDeclaration declaration;

  CamundaAuthenticationProvider(IdentityService identity, LoginThrottle throttle, RoleDeclaration declaration) {
    this.identity = identity;
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
    long lockedFor = lockedSeconds(userId);
    if (lockedFor > 0) {
      LOG.warn("Login of '{}' from {} refused: the user is throttled for {} s after failed logins", userId, address,
          lockedFor);
      throw new LoginThrottled("Too many failed logins for this user; try again later", lockedFor);
    }
    if (userId == null || userId.isBlank() || !identity.checkPassword(userId, password)) {
      if (throttle.failed(address)) {
        LOG.warn("Address {} reached {} failed logins: refused for a while", address, throttle.maxFailures());
      }
      long delay = lockedSeconds(userId);
      if (delay > 0) {
        LOG.warn("Failed login of '{}' from {}: the user is throttled for {} s", userId, address, delay);
      }
      throw new BadCredentialsException("Wrong user or password");
    }
    List<Group> memberships = identity.createGroupQuery().groupMember(userId).list();
    List<SimpleGrantedAuthority> groups = new java.util.ArrayList<>(memberships.stream()
        .map(Group::getId).map(SimpleGrantedAuthority::new).toList());
    // a role created at run time is a group whose type names its access template (read fresh on every request)
    memberships.stream().map(Group::getType).filter(declaration.templates()::containsKey).distinct()
        .map(type -> new SimpleGrantedAuthority(RoleDeclaration.TEMPLATE_AUTHORITY + type)).forEach(groups::add);
    return UsernamePasswordAuthenticationToken.authenticated(userId, null, groups);
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
