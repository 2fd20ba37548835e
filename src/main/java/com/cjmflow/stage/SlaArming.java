package com.cjmflow.stage;

import java.util.Optional;
import java.util.function.Function;

/**
 * While the SLA ladder ({@link com.cjmflow.platform.TimerLadder}) arms a stage's next rung: the visit's SLA as its
 * stage instance records it, for {@link StagePolicy#recorded}.
 */
final class SlaArming {

  static final ThreadLocal<StagePolicy.StageDue> DUE = new ThreadLocal<>();
  static final ThreadLocal<String> VISIT = new ThreadLocal<>();

  private SlaArming() {}

  /** The rank of an SLA timer kind on the ladder, or −1 when the kind is not a rung. */
  static int rank(SlaEvent event) {
    return event.isWarning() ? 0 : event.isBreach() ? 1 : "escalation".equals(event.kind()) ? event.level() : -1;
  }

  /** Sets the recorded SLA of the visit for the arming; the returned clean-up clears it. */
  static Function<String, Runnable> with(Function<String, Optional<StagePolicy.StageDue>> recorded) {
    return visit -> {
      DUE.set(recorded.apply(visit).orElse(null));
      VISIT.set(visit);
      return () -> {
        DUE.remove();
        VISIT.remove();
      };
    };
  }
}
