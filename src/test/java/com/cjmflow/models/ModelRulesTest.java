package com.cjmflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaScript;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The rules the project relies on for its models, checked from the repository alone (a fresh clone needs nothing
 * else): every flow node and flow has a shape, every process and decision a history time to live and a version tag,
 * every user task a form that the repository defines, ids are named (no Modeler-generated ids), no scripts, and no
 * review of an SLA breach inside a sub-process (it would hold the order at the end of the phase).
 */
class ModelRulesTest {

  private static final Pattern GENERATED_ID =
      Pattern.compile("^(Activity|Event|Gateway|Flow|Task|StartEvent|EndEvent|SequenceFlow|Process|Decision)_[0-9a-z]{7}$");

  /** A head-of-sales review of an SLA breach; Tasklist reads the reviewed task from its id. */
  private static final Pattern SLA_REVIEW = Pattern.compile("Task_Review\\w+SlaBreach");

  @Test
  void processesFollowTheRules() throws IOException {
    Set<String> forms = formIds();
    List<String> problems = new ArrayList<>();
    for (Path file : files("processes", ".bpmn")) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      Set<BaseElement> drawn = new HashSet<>();
      model.getModelElementsByType(BpmnShape.class).forEach(shape -> drawn.add(shape.getBpmnElement()));
      model.getModelElementsByType(BpmnEdge.class).forEach(edge -> drawn.add(edge.getBpmnElement()));
      for (Process process : model.getModelElementsByType(Process.class)) {
        if (process.isExecutable() && process.getCamundaHistoryTimeToLiveString() == null) {
          problems.add(file + ": process " + process.getId() + " has no historyTimeToLive");
        }
        if (process.isExecutable() && process.getCamundaVersionTag() == null) {
          problems.add(file + ": process " + process.getId() + " has no versionTag");
        }
      }
      for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
        if ((element instanceof FlowNode || element instanceof SequenceFlow) && !drawn.contains(element)) {
          problems.add(file + ": " + element.getId() + " has no diagram shape");
        }
        if (GENERATED_ID.matcher(element.getId()).matches()) {
          problems.add(file + ": " + element.getId() + " is a generated id");
        }
      }
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        if (task.getCamundaFormRef() == null || !forms.contains(task.getCamundaFormRef())) {
          problems.add(file + ": user task " + task.getId() + " has no form in forms/ (" + task.getCamundaFormRef()
              + ")");
        }
        if (SLA_REVIEW.matcher(task.getId()).matches() && insideEmbeddedSubProcess(task)) {
          problems.add(file + ": review " + task.getId() + " is inside a sub-process, which it would keep open "
              + "(raise it at process scope with an escalation)");
        }
      }
      if (!model.getModelElementsByType(ScriptTask.class).isEmpty()
          || !model.getModelElementsByType(CamundaScript.class).isEmpty()) {
        problems.add(file + ": contains scripts");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void decisionsFollowTheRules() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path file : files("dmn", ".dmn")) {
      DmnModelInstance model = Dmn.readModelFromFile(file.toFile());
      for (Decision decision : model.getModelElementsByType(Decision.class)) {
        if (decision.getCamundaHistoryTimeToLiveString() == null) {
          problems.add(file + ": decision " + decision.getId() + " has no historyTimeToLive");
        }
        if (decision.getVersionTag() == null) {
          problems.add(file + ": decision " + decision.getId() + " has no versionTag");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static boolean insideEmbeddedSubProcess(FlowElement element) {
    for (var scope = element.getParentElement(); scope != null; scope = scope.getParentElement()) {
      if (scope instanceof SubProcess sub && !sub.triggeredByEvent()) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> formIds() throws IOException {
    Set<String> ids = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (Path file : files("forms", ".form")) {
      ids.add(json.readTree(file.toFile()).get("id").asText());
    }
    return ids;
  }

  private static List<Path> files(String folder, String suffix) throws IOException {
    try (Stream<Path> paths = Files.walk(Path.of(folder))) {
      return paths.filter(path -> path.toString().endsWith(suffix)).sorted().toList();
    }
  }
}
