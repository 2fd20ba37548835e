package com.cjmflow.stage;

import java.time.OffsetDateTime;

/** A stage visit ended (published in the engine transaction before the stage instance is closed). */
public record StageLeft(long stageInstanceId, String actor, OffsetDateTime at) {}
