package com.cjmflow.stage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

/**
 * The SLA timers of one wait state as a ladder with one timer job at a time: the model keeps its boundary events
 * (warning, breach, escalation level 2, 3, … — each with its own path and its own {@code timeDate} expression), but
 * only the lowest rung stays declared on the activity, so entering the stage creates one job. When a rung fires, the
 * next rung's timer is created from its own declaration, in the same transaction; leaving the stage deletes the one
 * job there is. Rungs are ordered by kind (warning, breach, escalation by level); any other {@code sla} kind keeps its
 * own timer. Built while parsing, so every deployed version and every node agree.
 */
final class SlaLadder {

  /** The activity property that holds the ladder of a wait state. */
  static final String PROPERTY = "slaLadder";

  /** One rung: its boundary event, its rank and the timer declaration the engine no longer creates on entry. */
  record Rung(String boundaryId, int rank, TimerDeclarationImpl declaration) {}

  /** The recorded SLA of the visit whose next rung is being armed, and that visit (see {@link StagePolicy}). */
  static final ThreadLocal<StagePolicy.StageDue> ARMING = new ThreadLocal<>();
  static final ThreadLocal<String> ARMING_VISIT = new ThreadLocal<>();

  private final List<Rung> rungs = new ArrayList<>();

  private SlaLadder() {}

  /** The rank of an SLA timer kind on the ladder, or −1 when the kind is not a rung. */
  static int rank(SlaEvent event) {
    return event.isWarning() ? 0 : event.isBreach() ? 1 : "escalation".equals(event.kind()) ? event.level() : -1;
  }

  /** Adds the timer of {@code boundary} to the ladder of the wait state it is attached to. */
  static void add(ActivityImpl attached, ActivityImpl boundary, SlaEvent event) {
    Map<String, TimerDeclarationImpl> declared = attached.getProperties().get(BpmnProperties.TIMER_DECLARATIONS);
    int rank = rank(event);
    if (declared == null || rank < 0 || !declared.containsKey(boundary.getId())) {
      return; // not a timer, or not a rung: the engine keeps creating it on entry
    }
    SlaLadder ladder = (SlaLadder) attached.getProperty(PROPERTY);
    if (ladder == null) {
      ladder = new SlaLadder();
      attached.setProperty(PROPERTY, ladder);
    }
    ladder.rungs.add(new Rung(boundary.getId(), rank, declared.get(boundary.getId())));
    ladder.rungs.sort(Comparator.comparingInt(Rung::rank));
    for (int i = 0; i < ladder.rungs.size(); i++) {
      Rung rung = ladder.rungs.get(i);
      if (i == 0) {
        declared.put(rung.boundaryId(), rung.declaration());
      } else {
        declared.remove(rung.boundaryId());
      }
    }
  }

  /**
   * The rung at {@code boundaryId} fired: arm the next one on the wait state's scope execution (the fired job's
   * execution). Nothing when the boundary event started otherwise (process instance modification), at the top of the
   * ladder, or when the next rung's job exists already (an instance started before the ladder had all its jobs).
   */
  static void fired(ActivityImpl attached, String boundaryId,
      Function<String, Optional<StagePolicy.StageDue>> recorded) {
    if (!(attached.getProperty(PROPERTY) instanceof SlaLadder ladder)) {
      return;
    }
    JobEntity job = Context.getCommandContext().getCurrentJob();
    if (!(job instanceof TimerEntity) || job.getExecution() == null || !boundaryId.equals(job.getActivityId())) {
      return;
    }
    Rung next = ladder.after(boundaryId);
    if (next == null) {
      return;
    }
    ExecutionEntity scope = job.getExecution();
    boolean armed = scope.getJobs().stream()
        .anyMatch(other -> other != job && next.boundaryId().equals(other.getActivityId()));
    if (armed) {
      return;
    }
    String visit = scope.getActivityInstanceId();
    ARMING.set(recorded.apply(visit).orElse(null));
    ARMING_VISIT.set(visit);
    try {
      next.declaration().createTimer(scope);
    } finally {
      ARMING.remove();
      ARMING_VISIT.remove();
    }
  }

  private Rung after(String boundaryId) {
    for (int i = 0; i < rungs.size() - 1; i++) {
      if (rungs.get(i).boundaryId().equals(boundaryId)) {
        return rungs.get(i + 1);
      }
    }
    return null;
  }
}
