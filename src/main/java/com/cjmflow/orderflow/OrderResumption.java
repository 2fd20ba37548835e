package com.cjmflow.orderflow;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.springframework.stereotype.Component;

import com.cjmflow.orderflow.process.OrderFlowVariables;
import com.cjmflow.platform.AsSystem;
import com.cjmflow.platform.ModelProperties;
import com.cjmflow.stage.ResumedStage;

/**
 * Starts the {@code order-flow} of an order that was already under way in another system (the legacy CRM backfill)
 * at the wait state whose {@code stage} property is the order's current status, found in the deployed model (no
 * stage list in Java). The start carries the stage's real entry time ({@link ResumedStage}), so the open stage
 * instance, the task due date and the SLA timers count from then.
 */
@Component
public class OrderResumption {

  /** An order to resume: its facts for the gateways and the SLA table, and when it entered its current stage. */
  public record Resume(long orderId, String externalId, String stage, String customerTier, String sellerCountry,
      boolean reserveRequired, boolean expertInspection, boolean reservePaid, boolean fullPaid, Date enteredAt) {}

  /** The wait states of the deployed model, by stage; several for a stage reached on alternative paths. */
  public record WaitStates(String processDefinitionId, Map<String, List<WaitState>> byStage,
      Map<String, String> endStages, String firstStage, Map<String, java.util.Set<String>> steps) {

    /** Whether the model lets an order go from one stage straight to the next (no other stage between). */
    public boolean isStep(String from, String to) {
      return from == null ? to.equals(firstStage) : steps.getOrDefault(from, java.util.Set.of()).contains(to);
    }

    /** The wait state for the order's stage; among alternatives the one whose incoming condition holds. */
    public Optional<String> activityFor(String stage, Map<String, Object> facts) {
      List<WaitState> candidates = byStage.getOrDefault(stage, List.of());
      return candidates.stream().filter(c -> c.holds(facts)).findFirst()
          .or(() -> candidates.stream().findFirst()).map(WaitState::activityId);
    }

    public boolean knows(String stage) {
      return byStage.containsKey(stage);
    }
  }

  /** A wait state with the conditions on the flows into it ({@code ${flag}} / {@code ${!flag}} are understood). */
  public record WaitState(String activityId, List<String> incomingConditions) {
    private static final Pattern FLAG = Pattern.compile("\\$\\{\\s*(!?)\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");

    boolean holds(Map<String, Object> facts) {
      for (String condition : incomingConditions) {
        Matcher flag = FLAG.matcher(condition.trim());
        if (flag.matches() && facts.get(flag.group(2)) instanceof Boolean value) {
          return value != "!".equals(flag.group(1));
        }
      }
      return incomingConditions.isEmpty();
    }
  }

  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final OrderImport orders;
  private final AsSystem asSystem;

  OrderResumption(RuntimeService runtime, RepositoryService repository, OrderImport orders, AsSystem asSystem) {
    this.runtime = runtime;
    this.repository = repository;
    this.orders = orders;
    this.asSystem = asSystem;
  }

  /** The wait states of the latest deployed {@code order-flow}, read from its model. */
  public WaitStates waitStates() {
    ProcessDefinition definition = repository.createProcessDefinitionQuery()
        .processDefinitionKey(OrderFlowVariables.PROCESS_KEY).latestVersion().singleResult();
    BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
    Map<String, List<WaitState>> byStage = new LinkedHashMap<>();
    Map<String, String> endStages = new LinkedHashMap<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      String stage = ModelProperties.of(node).get(ResumedStage.STAGE);
      if (stage != null && node instanceof EndEvent) {
        endStages.putIfAbsent(stage, node.getId());
      }
      if (stage == null || node instanceof EndEvent) {
        continue;
      }
      List<String> conditions = new ArrayList<>();
      for (SequenceFlow incoming : node.getIncoming()) {
        ConditionExpression condition = incoming.getConditionExpression();
        if (condition != null && condition.getTextContent() != null) {
          conditions.add(condition.getTextContent());
        }
      }
      byStage.computeIfAbsent(stage, s -> new ArrayList<>()).add(new WaitState(node.getId(), conditions));
    }
    Map<String, java.util.Set<String>> steps = new LinkedHashMap<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      String stage = ModelProperties.of(node).get(ResumedStage.STAGE);
      if (stage != null && !(node instanceof EndEvent)) {
        steps.computeIfAbsent(stage, s -> new java.util.TreeSet<>()).addAll(nextStages(model, node));
      }
    }
    return new WaitStates(definition.getId(), byStage, endStages, firstStage(model), steps);
  }

  /**
   * The stages the flow can reach from a wait state without passing another one: along its outgoing flows, its
   * boundary events, the boundary events and event sub-processes of the scopes around it, and out of a sub-process
   * whose end it reaches.
   */
  private static java.util.Set<String> nextStages(BpmnModelInstance model, FlowNode from) {
    java.util.Set<String> found = new java.util.TreeSet<>();
    java.util.ArrayDeque<FlowNode> queue = new java.util.ArrayDeque<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    java.util.Collection<org.camunda.bpm.model.bpmn.instance.BoundaryEvent> boundaries =
        model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.BoundaryEvent.class);
    java.util.function.Consumer<FlowNode> leave = node -> {
      node.getOutgoing().forEach(flow -> queue.add(flow.getTarget()));
      boundaries.stream().filter(b -> b.getAttachedTo() == node).forEach(queue::add);
    };
    leave.accept(from);
    for (var scope = from.getParentElement(); scope instanceof SubProcess sub; scope = sub.getParentElement()) {
      boundaries.stream().filter(b -> b.getAttachedTo() == sub).forEach(queue::add);
      sub.getChildElementsByType(SubProcess.class).stream().filter(SubProcess::triggeredByEvent)
          .forEach(queue::add);
    }
    while (!queue.isEmpty()) {
      FlowNode node = queue.poll();
      if (!seen.add(node.getId())) {
        continue;
      }
      String stage = ModelProperties.of(node).get(ResumedStage.STAGE);
      if (stage != null) {
        found.add(stage);
      } else if (node instanceof SubProcess sub) {
        sub.getChildElementsByType(StartEvent.class).forEach(queue::add);
      } else if (node instanceof EndEvent && node.getParentElement() instanceof SubProcess sub) {
        leave.accept(sub);
      } else {
        leave.accept(node);
      }
    }
    return found;
  }

  /** The first stage the flow reaches from the process's start event (breadth first, into sub-processes). */
  private static String firstStage(BpmnModelInstance model) {
    java.util.ArrayDeque<FlowNode> queue = new java.util.ArrayDeque<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      if (start.getParentElement() instanceof org.camunda.bpm.model.bpmn.instance.Process) {
        queue.add(start);
      }
    }
    while (!queue.isEmpty()) {
      FlowNode node = queue.poll();
      if (!seen.add(node.getId())) {
        continue;
      }
      String stage = ModelProperties.of(node).get(ResumedStage.STAGE);
      if (stage != null) {
        return stage;
      }
      if (node instanceof SubProcess sub) {
        sub.getChildElementsByType(StartEvent.class).forEach(queue::add);
      }
      node.getOutgoing().forEach(flow -> queue.add(flow.getTarget()));
    }
    return null;
  }

  /** The facts of an order to resume, as the model's conditions and the SLA table read them. */
  public static Map<String, Object> facts(Resume order) {
    return variables(order);
  }

  /**
   * Starts one process instance per order at its stage's wait state, in the caller's transaction, and links each
   * order to it. Returns order id → process instance id.
   */
  public Map<Long, String> start(WaitStates model, List<Resume> resumes) {
    Map<Long, String> started = new LinkedHashMap<>();
    List<Object[]> links = new ArrayList<>();
    asSystem.run(() -> {
      for (Resume order : resumes) {
        VariableMap variables = variables(order);
        String activityId = model.activityFor(order.stage(), variables)
            .orElseThrow(() -> new IllegalArgumentException("No wait state for stage " + order.stage()));
        variables.putValueTyped(ResumedStage.ENTERED_AT, ResumedStage.enteredAt(order.enteredAt()));
        String processInstanceId = runtime.createProcessInstanceById(model.processDefinitionId())
            .businessKey(String.valueOf(order.orderId()))
            .setVariables(variables)
            .startBeforeActivity(activityId)
            .execute()
            .getId();
        started.put(order.orderId(), processInstanceId);
        links.add(new Object[] {processInstanceId, order.orderId()});
      }
    });
    orders.attachProcesses(links);
    return started;
  }

  /**
   * Moves the running process of each order to the wait state of its new stage (the source system moved it on; the
   * history up to there was imported already): starts there with the stage's real entry time, cancels where it
   * waited. An order whose process runs an older version of the model, or has none, gets a new instance of the
   * deployed one. In the caller's transaction.
   */
  public void move(WaitStates model, List<Resume> moves) {
    List<Resume> restart = new ArrayList<>();
    asSystem.run(() -> {
      for (Resume order : moves) {
        ProcessInstance running = running(order.orderId());
        if (running == null || !running.getProcessDefinitionId().equals(model.processDefinitionId())) {
          if (running != null) {
            runtime.deleteProcessInstance(running.getId(), "moved on in the source system");
          }
          restart.add(order);
          continue;
        }
        VariableMap variables = variables(order);
        String activityId = model.activityFor(order.stage(), variables)
            .orElseThrow(() -> new IllegalArgumentException("No wait state for stage " + order.stage()));
        runtime.setVariables(running.getId(), variables);
        var modification = runtime.createProcessInstanceModification(running.getId())
            .startBeforeActivity(activityId)
            .setVariableLocal(ResumedStage.ENTERED_AT, ResumedStage.enteredAt(order.enteredAt()));
        for (var waiting : runtime.getActivityInstance(running.getId()).getChildActivityInstances()) {
          modification.cancelActivityInstance(waiting.getId());
        }
        modification.execute();
      }
    });
    orders.detachProcesses(restart.stream().map(Resume::orderId).toList());
    start(model, restart);
  }

  /** Ends the running process of each order (the source system closed or cancelled it). */
  public void end(List<Long> orderIds) {
    asSystem.run(() -> orderIds.stream().map(this::running).filter(java.util.Objects::nonNull)
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "closed in the source system")));
  }

  private ProcessInstance running(long orderId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(OrderFlowVariables.PROCESS_KEY)
        .processInstanceBusinessKey(String.valueOf(orderId)).singleResult();
  }

  private static VariableMap variables(Resume order) {
    return OrderFlowVariables.booked(order.orderId(), order.externalId(), order.customerTier(), order.sellerCountry(),
            order.reserveRequired(), order.expertInspection())
        .putValue(OrderFlowVariables.RESERVE_PAID, order.reservePaid())
        .putValue(OrderFlowVariables.FULL_PAID, order.fullPaid());
  }
}
