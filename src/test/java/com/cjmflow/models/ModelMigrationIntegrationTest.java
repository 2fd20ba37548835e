package com.cjmflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The process owner deploys a new version and moves the running orders to it: a renamed task keeps its orders, their
 * timers' due dates and their open stage instances, and the trail goes on after the next completion; a version that
 * drops a stage an order waits in leaves that order on its version, as the dry run said.
 */
class ModelMigrationIntegrationTest extends ApiTestSupport {

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired AutoMigration autoMigration;

  private final List<String> deployments = new java.util.ArrayList<>();

  @AfterEach
  void undeploy() {
    deployments.forEach(id -> repository.deleteDeployment(id, true));
  }

  @Test
  void aRenamedTaskTakesItsRunningOrdersWithTheirTimersAndStageInstances() throws Exception {
    String key = "order-flow-migr-rename";
    deploy(copy(key));
    String booked = book(key, "migr-r-1");
    String checking = book(key, "migr-r-2");
    complete(checking, "Task_ConfirmBooking");
    String reporting = book(key, "migr-r-3");
    complete(reporting, "Task_ConfirmBooking");
    complete(reporting, "Task_CheckBikeWithSeller");
    List<String> orders = List.of(booked, checking, reporting);
    Map<String, Set<Date>> timersBefore = timerDueDates(orders);
    Map<String, List<Object>> stagesBefore = openStages(orders);

    // a new version renames "Check bike with seller"; the renamed task names its old id
    BpmnModelInstance renamed = copy(key);
    UserTask task = renamed.getModelElementById("Task_CheckBikeWithSeller");
    task.setAttributeValue("id", "Task_CheckBikeWithSellerRenamed", true);
    property(renamed, task, ModelMigrations.MIGRATED_FROM, "Task_CheckBikeWithSeller");
    deploy(renamed);

    JsonNode dryRun = read(call("olga", HttpMethod.GET, "/api/v1/crm/models/" + key + "/migration", null));
    assertThat(dryRun.get("instances").asLong()).isEqualTo(3);
    assertThat(dryRun.get("migratable").asLong()).isEqualTo(3);
    assertThat(dryRun.get("mappings").get("Task_CheckBikeWithSeller").asText())
        .isEqualTo("Task_CheckBikeWithSellerRenamed");

    var started = call("olga", HttpMethod.POST, "/api/v1/crm/models/" + key + "/migration", Map.of());
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    String batchId = read(started).get("batches").get(0).get("batchId").asText();
    runBatch(batchId);
    assertThat(read(call("olga", HttpMethod.GET, "/api/v1/crm/models/" + key + "/migration/batches/" + batchId,
        null)).get("finished").asBoolean()).isTrue();

    String target = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
        .singleResult().getId();
    for (String instance : orders) {
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult()
          .getProcessDefinitionId()).isEqualTo(target);
    }
    assertThat(timerDueDates(orders)).isEqualTo(timersBefore);
    Map<String, List<Object>> stagesAfter = openStages(orders);
    assertThat(stagesAfter.get(booked)).isEqualTo(stagesBefore.get(booked));
    assertThat(stagesAfter.get(reporting)).isEqualTo(stagesBefore.get(reporting));
    assertThat(stagesAfter.get(checking).subList(0, 3)).isEqualTo(stagesBefore.get(checking).subList(0, 3));
    assertThat(stagesAfter.get(checking).get(3)).isEqualTo("Task_CheckBikeWithSellerRenamed");
    for (String instance : orders) {
      assertThat(jdbc.queryForList("select details from crm_journey_events where order_id = ? and event_type = "
          + "'model_migrated'", String.class, orderId(instance)))
          .containsExactly("Migrated from " + key + " version 1 to " + key + " version 2");
    }

    // the trail goes on: the SLA timer of the renamed task marks its stage, completing it moves the order
    management.executeJob(slaTimer(checking, "BoundaryEvent_CheckBikeWithSellerSlaBreached").getId());
    assertThat(jdbc.queryForObject("select is_sla_breached from crm_order_stage_instances where order_id = ? and "
        + "left_at is null", Boolean.class, orderId(checking))).isTrue();
    complete(checking, "Task_CheckBikeWithSellerRenamed");
    assertThat(jdbc.queryForList("select stage from crm_order_stage_instances where order_id = ? order by id",
        String.class, orderId(checking))).containsExactly("booked", "seller_check_in_progress", "check_ready");
    assertThat(jdbc.queryForObject("select count(*) from crm_order_stage_instances where order_id = ? and "
        + "left_at is null", Long.class, orderId(checking))).isEqualTo(1);
  }

  @Test
  void aVersionWithoutAnActiveStageLeavesItsOrdersRunningOnTheirVersion() throws Exception {
    String key = "order-flow-migr-drop";
    String source = deploy(copy(key));
    String booked = book(key, "migr-d-1");
    String reporting = book(key, "migr-d-2");
    complete(reporting, "Task_ConfirmBooking");
    complete(reporting, "Task_CheckBikeWithSeller");

    // the new version goes from the seller check straight to the client decision
    BpmnModelInstance dropped = copy(key);
    FlowNode present = dropped.getModelElementById("Task_PresentCheckReport");
    SequenceFlow into = dropped.getModelElementById("SequenceFlow_BikeChecked");
    SequenceFlow out = dropped.getModelElementById("SequenceFlow_CheckReportPresented");
    FlowNode decision = out.getTarget();
    present.getIncoming().remove(into);
    into.setTarget(decision);
    decision.getIncoming().add(into);
    dropped.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.BoundaryEvent.class).stream()
        .filter(event -> event.getAttachedTo() == present).toList()
        .forEach(event -> removeWithFlows(dropped, event));
    removeWithFlows(dropped, out);
    remove(dropped, present);
    deploy(dropped);

    JsonNode dryRun = read(call("olga", HttpMethod.GET, "/api/v1/crm/models/" + key + "/migration", null));
    assertThat(dryRun.get("instances").asLong()).isEqualTo(2);
    assertThat(dryRun.get("migratable").asLong()).isEqualTo(1);
    JsonNode blocked = dryRun.get("sources").get(0).get("blocked");
    assertThat(blocked).hasSize(1);
    assertThat(blocked.get(0).get("activityId").asText()).isEqualTo("Task_PresentCheckReport");
    assertThat(blocked.get(0).get("reason").asText()).contains("removed or renamed");

    assertThat(autoMigration.migrateIfEveryInstanceMoves(key)).as("automatic migration leaves it alone").isEmpty();

    String batchId = read(call("olga", HttpMethod.POST, "/api/v1/crm/models/" + key + "/migration", Map.of()))
        .get("batches").get(0).get("batchId").asText();
    runBatch(batchId);
    String sourceDefinition = repository.createProcessDefinitionQuery().deploymentId(source).singleResult().getId();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(reporting).singleResult()
        .getProcessDefinitionId()).isEqualTo(sourceDefinition);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(booked).singleResult()
        .getProcessDefinitionId()).isNotEqualTo(sourceDefinition);
    complete(reporting, "Task_PresentCheckReport");
    assertThat(jdbc.queryForObject("select status from orders where id = ?", String.class, orderId(reporting)))
        .isEqualTo("awaiting_client_decision");
  }

  @Test
  void automaticMigrationMovesAVersionWhosePlanHoldsForEveryInstance() throws Exception {
    String key = "order-flow-migr-auto";
    deploy(copy(key));
    String booked = book(key, "migr-a-1");
    deploy(copy(key));
    var execution = autoMigration.migrateIfEveryInstanceMoves(key).orElseThrow();
    runBatch(execution.batches().get(0).batchId());
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(booked).singleResult().getProcessDefinitionId())
        .isEqualTo(repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult()
            .getId());
  }

  @Test
  void onlyTheProcessOwnerMigratesAndUnknownProcessesAre404() {
    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/models/order-flow/migration", Map.of()).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("olga", HttpMethod.GET, "/api/v1/crm/models/no-such-process/migration", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  /** Removes a node, the flows leaving it and what only they reach, with their diagram shapes. */
  private void removeWithFlows(BpmnModelInstance model, FlowNode node) {
    for (SequenceFlow flow : List.copyOf(node.getOutgoing())) {
      FlowNode next = flow.getTarget();
      remove(model, flow);
      if (next.getIncoming().isEmpty()) {
        removeWithFlows(model, next);
      }
    }
    remove(model, node);
  }

  private void removeWithFlows(BpmnModelInstance model, SequenceFlow flow) {
    remove(model, flow);
  }

  private static void remove(BpmnModelInstance model, org.camunda.bpm.model.bpmn.instance.BaseElement element) {
    model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape.class).stream()
        .filter(shape -> shape.getBpmnElement() == element).toList()
        .forEach(shape -> shape.getParentElement().removeChildElement(shape));
    model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge.class).stream()
        .filter(edge -> edge.getBpmnElement() == element).toList()
        .forEach(edge -> edge.getParentElement().removeChildElement(edge));
    if (element instanceof SequenceFlow flow) {
      flow.getSource().getOutgoing().remove(flow);
      flow.getTarget().getIncoming().remove(flow);
    }
    element.getParentElement().removeChildElement(element);
  }

  private void runBatch(String batchId) {
    for (int round = 0; round < 20; round++) {
      Batch batch = management.createBatchQuery().batchId(batchId).singleResult();
      if (batch == null) {
        return;
      }
      List<Job> jobs = management.createJobQuery().list().stream()
          .filter(job -> job.getJobDefinitionId() != null) // the history cleanup job has no job definition
          .filter(job -> Set.of(batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId(),
              batch.getMonitorJobDefinitionId()).contains(job.getJobDefinitionId())).toList();
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
    throw new AssertionError("batch " + batchId + " did not finish");
  }

  private String deploy(BpmnModelInstance model) {
    String id = repository.createDeployment().name("migration test")
        .addModelInstance("processes/" + model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)
            .iterator().next().getId() + ".bpmn", model).deploy().getId();
    deployments.add(id);
    return id;
  }

  private String book(String key, String externalId) {
    return runtime.createMessageCorrelation("OrderBooked-" + key)
        .setVariables(Variables.createVariables().putValue("externalId", externalId)
            .putValue("customerName", "Migrated Client").putValue("customerEmail", externalId + "@example.ru")
            .putValue("bikeTitle", "Cube Stereo 2021").putValue("sellerCountry", "NL").putValue("priceEur", 2100))
        .correlateStartMessage().getId();
  }

  private void complete(String processInstanceId, String activityId) {
    tasks.complete(tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(activityId)
        .singleResult().getId());
  }

  private long orderId(String processInstanceId) {
    return jdbc.queryForObject("select id from orders where process_instance_id = ?", Long.class, processInstanceId);
  }

  private Map<String, Set<Date>> timerDueDates(List<String> instances) {
    Map<String, Set<Date>> due = new TreeMap<>();
    for (String instance : instances) {
      due.put(instance, management.createJobQuery().processInstanceId(instance).timers().list().stream()
          .map(Job::getDuedate).collect(Collectors.toSet()));
    }
    return due;
  }

  /** Each order's open stage instance: id, stage, entered, activity, due. */
  private Map<String, List<Object>> openStages(List<String> instances) {
    Map<String, List<Object>> open = new TreeMap<>();
    for (String instance : instances) {
      var row = jdbc.queryForMap("select id, stage, entered_at, activity_id, sla_due_at from "
          + "crm_order_stage_instances where process_instance_id = ? and left_at is null", instance);
      open.put(instance, List.of(row.get("id"), row.get("stage"), String.valueOf(row.get("entered_at")),
          row.get("activity_id"), String.valueOf(row.get("sla_due_at"))));
    }
    return open;
  }

  private static BpmnModelInstance copy(String key) throws Exception {
    BpmnModelInstance model;
    try (InputStream in = new ClassPathResource("processes/order-flow.bpmn").getInputStream()) {
      model = Bpmn.readModelFromStream(in);
    }
    model.getModelElementById("order-flow").setAttributeValue("id", key, true);
    ((Message) model.getModelElementById("Message_OrderBooked")).setName("OrderBooked-" + key);
    return model;
  }

  private static void property(BpmnModelInstance model, FlowNode node, String name, String value) {
    ExtensionElements extensions = node.getExtensionElements();
    CamundaProperties properties = extensions.getElementsQuery().filterByType(CamundaProperties.class).singleResult();
    CamundaProperty property = model.newInstance(CamundaProperty.class);
    property.setCamundaName(name);
    property.setCamundaValue(value);
    properties.getCamundaProperties().add(property);
  }
}
