package com.cjmflow.stage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

import com.cjmflow.platform.ModelProperties;
import com.cjmflow.platform.TimerLadder;

/**
 * Derives the journey trail from the model: every activity with a {@code stage} property gets built-in listeners
 * that track entering and leaving the stage; SLA timers ({@code sla=breach} boundary events) mark the stage
 * breached; user tasks get a readable name and the SLA due date. No stage is known to Java.
 */
class StageParseListener extends AbstractBpmnParseListener {

  static final String STAGE = "stage";
  static final String SLA = "sla";

  private final StageTracker tracker;
  private final Supplier<List<TaskEvents>> taskEvents;

  StageParseListener(StageTracker tracker, Supplier<List<TaskEvents>> taskEvents) {
    this.tracker = tracker;
    this.taskEvents = taskEvents;
  }

  @Override
  public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(element, activity);
    Map<String, String> properties = properties(element);
    var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
    TaskListener created = task -> taskEvents.get().forEach(events -> events.created(task, properties));
    TaskListener assigned = task -> taskEvents.get().forEach(events -> events.assigned(task, properties));
    TaskListener updated = task -> taskEvents.get().forEach(events -> events.updated(task, properties));
    TaskListener completed = task -> taskEvents.get().forEach(events -> events.completed(task, properties));
    TaskListener deleted = task -> taskEvents.get().forEach(events -> events.deleted(task, properties));
    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, created);
    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, assigned);
    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_UPDATE, updated);
    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, completed);
    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE, deleted);
  }

  @Override
  public void parseReceiveTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(element, activity);
  }

  @Override
  public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(element, activity);
  }

  @Override
  public void parseManualTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(element, activity);
  }

  @Override
  public void parseTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(element, activity);
  }

  @Override
  public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(element, activity);
  }

  /**
   * SLA timers on a stage's wait state, by their {@code sla} property: {@code warning}, {@code breach} (escalation
   * level 1) or {@code escalation} with its {@code level} (2, 3, …). They form the stage's {@link TimerLadder}: one
   * timer job at a time, the next rung armed when one fires.
   */
  @Override
  public void parseBoundaryEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    Map<String, String> properties = properties(element);
    String kind = properties.get(SLA);
    ActivityImpl attached = (ActivityImpl) activity.getEventScope();
    Object stage = attached == null ? null : attached.getProperty(STAGE);
    if (kind == null || stage == null) {
      return;
    }
    SlaEvent event = new SlaEvent((String) stage, attached.getId(), kind,
        "escalation".equals(kind) ? Integer.parseInt(properties.getOrDefault("level", "2")) : 1);
    TimerLadder.add(attached, activity, SlaArming.rank(event));
    String boundaryId = activity.getId();
    ExecutionListener fired = execution -> {
      tracker.slaTimerFired(execution, event);
      TimerLadder.fired(attached, boundaryId, SlaArming.with(tracker::recordedDue));
    };
    activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, fired);
  }

  private void track(Element element, ActivityImpl activity) {
    property(element, STAGE).ifPresent(name -> {
      activity.setProperty(STAGE, name);
      ExecutionListener entered = execution -> tracker.entered(execution, name);
      ExecutionListener left = tracker::left;
      activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, entered);
      activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, left);
    });
  }

  static Optional<String> property(Element element, String name) {
    return Optional.ofNullable(properties(element).get(name));
  }

  static Map<String, String> properties(Element element) {
    return ModelProperties.of(element);
  }
}
