package com.cjmflow.platform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

/**
 * The SLA timers of one wait state as a ladder (ranks given by the parse listener that adds them) with one timer job at a time: the model keeps its boundary events
 * (warning, breach, escalation level 2, 3, … — each with its own path and its own {@code timeDate} expression), but
 * only the lowest rung stays declared on the activity, so entering the stage creates one job. When a rung fires, the
 * next rung's timer is created from its own declaration, in the same transaction; leaving the stage deletes the one
 * job there is. Rungs are ordered by kind (warning, breach, escalation by level); any other {@code sla} kind keeps its
 * own timer. Built while parsing, so every deployed version and every node agree.
 */
public final class TimerLadder {

  /** The activity property that holds the ladder of a wait state. */
  static final String PROPERTY = "slaLadder";

  /** One rung: its boundary event, its rank and the timer declaration the engine no longer creates on entry. */
  record Rung(String boundaryId, int rank, TimerDeclarationImpl declaration) {}

  private final List<Rung> rungs = new ArrayList<>();

  private TimerLadder() {}

  /** Adds the timer of {@code boundary} to the ladder of the wait state it is attached to. */
  public static void add(ActivityImpl attached, ActivityImpl boundary, int rank) {
    Map<String, TimerDeclarationImpl> declared = attached.getProperties().get(BpmnProperties.TIMER_DECLARATIONS);
    if (declared == null || rank < 0 || !declared.containsKey(boundary.getId())) {
      return; // not a timer, or not a rung: the engine keeps creating it on entry
    }
    TimerLadder ladder = (TimerLadder) attached.getProperty(PROPERTY);
    if (ladder == null) {
      ladder = new TimerLadder();
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
   * The rung at {@code boundaryId} fired: arm the next one (between {@code arming} of the visit's activity instance
   * and the clean-up it returns) on the wait state's scope execution (the fired job's
   * execution). Nothing when the boundary event started otherwise (process instance modification), at the top of the
   * ladder, or when the next rung's job exists already (an instance started before the ladder had all its jobs).
   */
  public static void fired(ActivityImpl attached, String boundaryId, Function<String, Runnable> arming) {
    if (!(attached.getProperty(PROPERTY) instanceof TimerLadder ladder)) {
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
    Runnable done = arming.apply(scope.getActivityInstanceId());
    try {
      next.declaration().createTimer(scope);
    } finally {
      done.run();
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
