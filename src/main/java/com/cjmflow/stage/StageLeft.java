package com.cjmflow.stage;

import java.time.OffsetDateTime;

/**
 * A stage visit ended (published in the engine transaction before the stage instance is closed); {@code onHold}: its
 * SLA clock was paused, so an open pause ends with it.
 */
public record StageLeft(long stageInstanceId, String actor, OffsetDateTime at, boolean onHold) {}
