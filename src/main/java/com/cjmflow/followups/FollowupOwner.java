package com.cjmflow.followups;

import java.util.Optional;

import org.springframework.stereotype.Component;

import com.cjmflow.platform.ResourceOwner;

/** A follow-up belongs to its manager (security/roles.yaml: a sales manager completes only their own). */
@Component
class FollowupOwner implements ResourceOwner {

  private final Followups followups;

  FollowupOwner(Followups followups) {
    this.followups = followups;
  }

  @Override
  public String variable() {
    return "followupId";
  }

  @Override
  public Optional<String> ownerOf(String value) {
    try {
      return followups.find(Long.parseLong(value)).map(Followups.Followup::managerId);
    } catch (NumberFormatException notAnId) {
      return Optional.empty();
    }
  }
}
