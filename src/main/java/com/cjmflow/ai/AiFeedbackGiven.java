package com.cjmflow.ai;

import com.cjmflow.platform.DomainException;

/** Feedback on this AI answer was given already (409): it is given once. */
public class AiFeedbackGiven extends DomainException.StateConflict {
  public AiFeedbackGiven(String requestId, String feedback) {
    super("Feedback on AI request " + requestId + " was given already" + (feedback == null ? "" : ": " + feedback));
    property("feedback", feedback);
  }
}
