package com.cjmflow.followups;

import com.cjmflow.platform.DomainException;

/** No follow-up has this id. */
public class FollowupNotFound extends DomainException.NotFound {

  public FollowupNotFound(long followupId) {
    super("Follow-up", followupId);
  }
}
