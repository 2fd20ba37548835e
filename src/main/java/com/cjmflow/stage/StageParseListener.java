package com.cjmflow.stage;

import java.util.Optional;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Derives the journey trail from the model: every activity with a {@code stage} property gets built-in listeners
 * that track entering and leaving the stage; SLA timers ({@code sla=breach} boundary events) mark the stage
 * breached; user tasks get a readable name and the SLA due date. No stage is known to Java.
 */
class StageParseListener extends AbstractBpmnParseListener {

  static final String STAGE = "stage";
  static final String SLA = "sla";

  private final StageTracker tracker;

  StageParseListener(StageTracker tracker) {
    this.tracker = tracker;
  }

  @Override
  public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    Optional<String> stage = track(element, activity);
    TaskListener decorate = task -> tracker.taskCreated(task, stage.orElse(null));
    ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
        .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, decorate);
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

  @Override
  public void parseBoundaryEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    if (!"breach".equals(property(element, SLA).orElse(null))) {
      return;
    }
    ActivityImpl attached = (ActivityImpl) activity.getEventScope();
    Object stage = attached == null ? null : attached.getProperty(STAGE);
    if (stage != null) {
      String attachedId = attached.getId();
      ExecutionListener breached = execution -> tracker.breached(execution, (String) stage, attachedId);
      activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, breached);
    }
  }

  private Optional<String> track(Element element, ActivityImpl activity) {
    Optional<String> stage = property(element, STAGE);
    stage.ifPresent(name -> {
      activity.setProperty(STAGE, name);
      ExecutionListener entered = execution -> tracker.entered(execution, name);
      ExecutionListener left = tracker::left;
      activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, entered);
      activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, left);
    });
    return stage;
  }

  static Optional<String> property(Element element, String name) {
    Element extensions = element.element("extensionElements");
    Element properties = extensions == null ? null
        : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
    if (properties == null) {
      return Optional.empty();
    }
    return properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property").stream()
        .filter(property -> name.equals(property.attribute("name")))
        .map(property -> property.attribute("value"))
        .findFirst();
  }
}
