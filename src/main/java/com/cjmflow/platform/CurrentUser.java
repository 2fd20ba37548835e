package com.cjmflow.platform;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** Who is calling: the user the authentication filter authenticated against the engine for this request. */
@Component
public class CurrentUser {

  private final IdentityService identity;
  private final AsSystem asSystem;

  CurrentUser(IdentityService identity, AsSystem asSystem) {
    this.identity = identity;
    this.asSystem = asSystem;
  }

  public Optional<String> id() {
    return Optional.ofNullable(identity.getCurrentAuthentication()).map(Authentication::getUserId);
  }

  public List<String> groups() {
    Authentication authentication = identity.getCurrentAuthentication();
    return authentication == null || authentication.getGroupIds() == null ? List.of()
        : authentication.getGroupIds();
  }

  /**
   * True when the user exists and belongs to one of the groups (e.g. to accept them as an owning manager). A system
   * check: it does not depend on whether the caller may read other users.
   */
  public boolean isMemberOfAny(String userId, List<String> groupIds) {
    return asSystem.call(() -> groupIds.stream()
        .anyMatch(group -> identity.createUserQuery().userId(userId).memberOfGroup(group).count() > 0));
  }
}
