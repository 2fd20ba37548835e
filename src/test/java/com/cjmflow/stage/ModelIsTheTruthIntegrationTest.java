package com.cjmflow.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

import com.cjmflow.ApiTestSupport;
import com.cjmflow.models.CandidateTables;

/**
 * The process owner adds a stage in the Modeler and a row in the SLA table; the running service tracks it with no
 * Java change. The copy is started the way a system that speaks Camunda starts it: by message, with the facts.
 */
class ModelIsTheTruthIntegrationTest extends ApiTestSupport {

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;

  @Test
  void aNewStageInTheModelIsTrackedWithItsSla() throws Exception {
    // given a copy of the flow with a new wait state "Negotiate price" (stage price_negotiation) and its SLA row
    repository.createDeployment().name("stage-sla with price_negotiation")
        .addString("dmn/stage-sla.dmn",
            CandidateTables.deployedWith("TestExtraStage", "price_negotiation", "PT6H", "manager", false)).deploy();
    String deploymentId = repository.createDeployment().name("order flow with price negotiation")
        .addModelInstance("processes/order-flow-extended.bpmn", withNegotiationStage()).deploy().getId();
    try {
      // when an order enters it
      String processInstanceId = runtime.createMessageCorrelation("OrderBookedExtended")
          .setVariables(Variables.createVariables().putValue("externalId", "erp-777")
              .putValue("customerName", "Olga Sidorova").putValue("customerEmail", "olga.s@example.ru")
              .putValue("bikeTitle", "Cube Stereo 2021").putValue("sellerCountry", "NL").putValue("priceEur", 2100))
          .correlateStartMessage().getId();
      long orderId = jdbc.queryForObject("select id from orders where external_id = 'erp-777'", Long.class);
      tasks.complete(tasks.createTaskQuery().processInstanceId(processInstanceId)
          .taskDefinitionKey("Task_ConfirmBooking").singleResult().getId());

      // then status, stage instance with its SLA, status event and journey event follow the new stage
      assertThat(jdbc.queryForObject("select status from orders where id = ?", String.class, orderId))
          .isEqualTo("price_negotiation");
      var stage = jdbc.queryForMap("select * from crm_order_stage_instances where order_id = ? and stage = ?",
          orderId, "price_negotiation");
      assertThat(stage.get("clock_owner")).isEqualTo("manager");
      OffsetDateTime entered = jdbc.queryForObject(
          "select entered_at from crm_order_stage_instances where order_id = ? and stage = 'price_negotiation'",
          OffsetDateTime.class, orderId);
      OffsetDateTime due = jdbc.queryForObject(
          "select sla_due_at from crm_order_stage_instances where order_id = ? and stage = 'price_negotiation'",
          OffsetDateTime.class, orderId);
      assertThat(Duration.between(entered, due)).isEqualTo(Duration.ofHours(6));
      assertThat(tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult().getName())
          .isEqualTo("Negotiate price — заказ " + orderId);
      assertThat(jdbc.queryForList("select event_type || ':' || coalesce(to_status, '') from crm_journey_events "
          + "where order_id = ? order by id", String.class, orderId))
          .containsExactly("order_created:", "status_changed:booked", "status_changed:price_negotiation");

      // and leaving it closes the stage instance and moves on
      tasks.complete(tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId());
      assertThat(jdbc.queryForList("select stage from crm_order_stage_instances where order_id = ? and left_at is "
          + "not null order by id", String.class, orderId)).containsExactly("booked", "price_negotiation");
      assertThat(jdbc.queryForObject("select status from orders where id = ?", String.class, orderId))
          .isEqualTo("seller_check_in_progress");
    } finally {
      repository.deleteDeployment(deploymentId, true);
    }
  }

  private static BpmnModelInstance withNegotiationStage() throws Exception {
    BpmnModelInstance model;
    try (InputStream in = new ClassPathResource("processes/order-flow.bpmn").getInputStream()) {
      model = Bpmn.readModelFromStream(in);
    }
    model.getModelElementById("order-flow").setAttributeValue("id", "order-flow-extended", true);
    ((Message) model.getModelElementById("Message_OrderBooked")).setName("OrderBookedExtended");

    SubProcess fulfilment = model.getModelElementById("SubProcess_OrderFulfilment");
    SequenceFlow confirmed = model.getModelElementById("SequenceFlow_BookingConfirmed");
    FlowNode gateway = confirmed.getTarget();

    UserTask negotiate = model.newInstance(UserTask.class);
    negotiate.setAttributeValue("id", "Task_NegotiatePrice", true);
    negotiate.setName("Negotiate price");
    negotiate.setCamundaCandidateGroups("sales-managers");
    fulfilment.addChildElement(negotiate);
    ExtensionElements extensions = model.newInstance(ExtensionElements.class);
    negotiate.setExtensionElements(extensions);
    CamundaProperties properties = extensions.addExtensionElement(CamundaProperties.class);
    CamundaProperty stage = model.newInstance(CamundaProperty.class);
    stage.setCamundaName("stage");
    stage.setCamundaValue("price_negotiation");
    properties.getCamundaProperties().add(stage);

    confirmed.setTarget(negotiate);
    SequenceFlow negotiated = model.newInstance(SequenceFlow.class);
    negotiated.setAttributeValue("id", "SequenceFlow_PriceNegotiated", true);
    fulfilment.addChildElement(negotiated);
    negotiated.setSource(negotiate);
    negotiated.setTarget(gateway);
    return model;
  }
}
