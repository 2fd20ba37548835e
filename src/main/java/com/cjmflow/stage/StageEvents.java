package com.cjmflow.stage;

import java.time.OffsetDateTime;

/** What the stage tracker publishes (Spring application events, in the engine transaction of the step). */
public final class StageEvents {

  private StageEvents() {}

  /**
   * The order entered a stage; {@code ended} is true when the stage is an end event of the model (the order is
   * over: its stage names how it ended).
   */
  public record StageChanged(long orderId, String fromStage, String toStage, String activityId, String actor,
      boolean ended, OffsetDateTime changedAt) {}

  /**
   * An SLA mark was set on the open stage for the first time: {@code kind} warning, breach or escalation, with the
   * level reached (1 for warning and breach), the stage's due date and whose clock runs.
   */
  public record SlaMarked(long orderId, String stage, String activityId, String kind, int level,
      OffsetDateTime dueAt, String clockOwner, OffsetDateTime markedAt) {}
}
