package com.cjmflow.stage;

/**
 * An SLA timer of the model fired: {@code kind} is warning, breach or escalation; {@code level} is 1 for warnings and
 * breaches, the escalation level otherwise; {@code activityId} is the wait state the timer is attached to.
 */
public record SlaEvent(String stage, String activityId, String kind, int level) {

  public boolean isWarning() {
    return "warning".equals(kind);
  }

  public boolean isBreach() {
    return "breach".equals(kind);
  }
}
