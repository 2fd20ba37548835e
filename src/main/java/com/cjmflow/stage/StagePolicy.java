package com.cjmflow.stage;

import java.util.Date;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The SLA of a stage visit, as the stage tracker needs it for the stage instance and the task due date. Implemented
 * by the SLA module (the tracker knows no policy); called inside the engine command.
 */
public interface StagePolicy {

  /** A stage visit's clock start and due date in its business calendar, and why that date. */
  record StageDue(Date startedAt, Date dueAt, String clockOwner, String calendarId, boolean countsAgainstManager,
      String explanation) {}

  /** Empty when the policy has no row for the stage. */
  Optional<StageDue> due(DelegateExecution execution, String stage);

  /**
   * While the SLA ladder arms its next rung (a later command than the stage's entry), the visit's SLA as the stage
   * instance records it — clock start, due date moved by any hold — so the rung's due date is computed from the
   * visit, not from the time the previous rung fired. Empty otherwise.
   */
  static Optional<StageDue> recorded(String activityInstanceId) {
    StageDue due = SlaArming.DUE.get();
    return due != null && activityInstanceId != null && activityInstanceId.equals(SlaArming.VISIT.get())
        ? Optional.of(due) : Optional.empty();
  }
}
