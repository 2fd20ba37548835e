package com.cjmflow.stage;

import java.time.OffsetDateTime;

/**
 * An order entered a stage (published in the engine transaction; listeners run in it): {@code previousStatus} is the
 * status it had, {@code actor} the user who moved it or {@code system}.
 */
public record StageEntered(long orderId, String stage, String previousStatus, String actor, OffsetDateTime at) {

  public boolean byUser() {
    return !"system".equals(actor);
  }
}
