package com.cjmflow.stage;

import java.util.Date;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * A stage an order resumes at: its process is started at the stage's wait state by an import (the legacy CRM
 * backfill) that has written the order's history already. The start carries the stage's real entry time as a
 * transient variable (never stored): the SLA policy counts from it, and the stage tracker writes only the open stage
 * instance (entered then) — no second status event, journey event or status change for a stage already recorded.
 */
public final class ResumedStage {

  /** The extension property that names a wait state's stage. */
  public static final String STAGE = StageParseListener.STAGE;

  /** Transient process variable: when the order entered the stage it resumes at. */
  public static final String ENTERED_AT = "resumedStageEnteredAt";

  private ResumedStage() {}

  /** The transient start variable. */
  public static TypedValue enteredAt(Date enteredAt) {
    return Variables.dateValue(enteredAt, true);
  }

  /** The entry time when the execution is being started at a resumed stage (in the starting command only). */
  public static Optional<Date> of(VariableScope scope) {
    return scope.getVariable(ENTERED_AT) instanceof Date date ? Optional.of(date) : Optional.empty();
  }
}
