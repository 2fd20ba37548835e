package com.cjmflow.holacracy;

import java.util.Optional;

import org.springframework.stereotype.Component;

import com.cjmflow.platform.ResourceOwner;

/** A member's profile is their own ({@code own} in {@code security/roles.yaml}); empty for an unknown user (404). */
@Component
class MemberOwner implements ResourceOwner {

  private final RoleMembership membership;

  MemberOwner(RoleMembership membership) {
    this.membership = membership;
  }

  @Override
  public String variable() {
    return "userId";
  }

  @Override
  public Optional<String> ownerOf(String value) {
    return value != null && membership.userExists(value) ? Optional.of(value) : Optional.empty();
  }
}
