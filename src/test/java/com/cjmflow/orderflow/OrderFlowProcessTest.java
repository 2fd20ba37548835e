package com.cjmflow.orderflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cjmflow.orderflow.process.OrderFlowVariables;
import com.cjmflow.sla.SlaCalendar;
import com.cjmflow.sla.StageSla;

/** One test per path of order-flow.bpmn, engine only; CRM side effects are replaced by recording delegates. */
@Deployment(resources = {"processes/order-flow.bpmn", "dmn/stage-sla.dmn"})
class OrderFlowProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine =
      ProcessEngineExtension.builder().configurationResource("camunda-test.cfg.xml").build();

  private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
  private final List<Map<String, Object>> refunds = new ArrayList<>();
  private final List<String> registered = new ArrayList<>();

  @BeforeEach
  void setUp(ProcessEngine processEngine) {
    BpmnAwareTests.init(processEngine);
    ClockUtil.setCurrentTime(Date.from(NOW));
    Mocks.register("stageSla", new StageSla(SlaCalendar::wallClock));
    Mocks.register("registerOrder", (JavaDelegate) execution -> registered.add(execution.getProcessBusinessKey()));
    Mocks.register("openOrderCase", (JavaDelegate) execution -> refunds.add(execution.getVariables()));
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    Mocks.reset();
    BpmnAwareTests.reset();
  }

  @Test
  void happyPathWithoutOptionsClosesTheOrder() {
    ProcessInstance order = book("standard", false, false);

    assertThat(registered).containsExactly("1");
    confirmBookingAndCheckBike(order);
    buyAndShipToWarehouse(order);
    shipToRussiaAndClose(order);

    assertThat(order).hasPassedInOrder("Task_ConfirmBooking", "Task_CheckBikeWithSeller", "Task_PresentCheckReport",
        "Task_RecordClientDecision", "Task_ConfirmFullPayment", "Task_BuyOutBike", "Task_RecordSellerShipment",
        "Task_ReceiveBikeAtWarehouse", "Task_RepackBike", "Task_ShipToRussia", "Task_ConfirmDelivery",
        "Task_CloseOrder", "EndEvent_OrderClosed");
    assertThat(order).hasNotPassed("Task_ConfirmReservePayment", "Task_ReceiveBikeAtExpert", "Task_ArrangeRefund");
    assertThat(refunds).isEmpty();
  }

  @Test
  void reserveIsConfirmedByHandBeforeTheSellerCheck() {
    ProcessInstance order = book("standard", true, false);
    complete(task("Task_ConfirmBooking", order));
    assertThat(order).isWaitingAt("Task_ConfirmReservePayment");

    complete(task("Task_ConfirmReservePayment", order),
        withVariables("reserveAmountEur", 200, "reservePaymentReference", "R-1"));

    assertThat(order).isWaitingAt("Task_StartSellerCheck").variables().containsEntry("reservePaid", true);
    complete(task("Task_StartSellerCheck", order), withVariables("sellerContact", "Hans, +49 170 000"));
    assertThat(order).isWaitingAt("Task_CheckBikeWithSeller");
  }

  @Test
  void reservePaymentMessageMovesTheOrderOn() {
    ProcessInstance order = book("standard", true, false);
    complete(task("Task_ConfirmBooking", order));

    runtimeService().createMessageCorrelation(OrderFlowVariables.MESSAGE_RESERVE_PAYMENT_RECEIVED)
        .processInstanceBusinessKey("1").setVariable("reservePaid", true).correlate();

    assertThat(order).hasPassed("BoundaryEvent_ReservePaymentReceived").isWaitingAt("Task_StartSellerCheck");
  }

  @Test
  void expertInspectionThenClientContinues() {
    ProcessInstance order = book("standard", false, true);
    confirmBookingAndCheckBike(order);
    buyOutAndShip(order);

    assertThat(order).isWaitingAt("Task_ReceiveBikeAtExpert");
    complete(task("Task_ReceiveBikeAtExpert", order), withVariables("packageCondition", "intact"));
    complete(task("Task_StartInspection", order), withVariables("inspectorName", "Egor"));
    complete(task("Task_InspectBike", order),
        withVariables("inspectionFindings", "Frame fine", "inspectionVerdict", "pass"));
    complete(task("Task_PresentExpertReport", order), withVariables("reportChannel", "phone"));
    complete(task("Task_RecordPostInspectionDecision", order),
        withVariables("postInspectionDecision", "continue", "decisionReason", "ok"));

    assertThat(order).isWaitingAt("Task_RepackBike").hasNotPassed("Task_ReceiveBikeAtWarehouse");
    shipToRussiaAndClose(order);
    assertThat(order).isEnded().hasPassed("EndEvent_OrderClosed");
  }

  @Test
  void expertInspectionThenClientReturnsTheBikeWithRefund() {
    ProcessInstance order = book("standard", false, true);
    confirmBookingAndCheckBike(order);
    buyOutAndShip(order);
    complete(task("Task_ReceiveBikeAtExpert", order), withVariables("packageCondition", "intact"));
    complete(task("Task_StartInspection", order), withVariables("inspectorName", "Egor"));
    complete(task("Task_InspectBike", order),
        withVariables("inspectionFindings", "Cracked frame", "inspectionVerdict", "fail"));
    complete(task("Task_PresentExpertReport", order), withVariables("reportChannel", "phone"));

    complete(task("Task_RecordPostInspectionDecision", order),
        withVariables("postInspectionDecision", "return", "decisionReason", "crack"));

    assertThat(order).isWaitingAt("Task_ArrangeRefund");
    completeRefund(order);
    assertThat(order).isEnded().hasPassed("EndEvent_BikeReturned", "EndEvent_OrderCancelled");
    assertThat(refunds).singleElement().satisfies(v -> assertThat(v).containsEntry("refundAmountEur", 1850));
  }

  @Test
  void clientDeclinesWithoutPaymentIsCancelledWithoutRefund() {
    ProcessInstance order = book("standard", false, false);
    complete(task("Task_ConfirmBooking", order));
    complete(task("Task_CheckBikeWithSeller", order), withVariables("bikeCondition", "poor"));
    complete(task("Task_PresentCheckReport", order), withVariables("reportChannel", "email"));

    complete(task("Task_RecordClientDecision", order),
        withVariables("clientDecision", "decline", "decisionReason", "too worn"));

    assertThat(order).isEnded().hasPassed("EndEvent_ClientDeclined", "EndEvent_OrderCancelled")
        .hasNotPassed("Task_ArrangeRefund");
  }

  @Test
  void clientDeclinesAfterPaidReserveGetsARefund() {
    ProcessInstance order = book("standard", true, false);
    complete(task("Task_ConfirmBooking", order));
    complete(task("Task_ConfirmReservePayment", order), withVariables("reserveAmountEur", 200));
    complete(task("Task_StartSellerCheck", order));
    complete(task("Task_CheckBikeWithSeller", order));
    complete(task("Task_PresentCheckReport", order));

    complete(task("Task_RecordClientDecision", order), withVariables("clientDecision", "decline"));

    assertThat(order).isWaitingAt("Task_ArrangeRefund");
  }

  @Test
  void cancellationBeforePaymentEndsWithoutRefund() {
    ProcessInstance order = book("standard", false, false);
    complete(task("Task_ConfirmBooking", order));

    requestCancellation();

    assertThat(order).isEnded().hasPassed("StartEvent_CancellationRequested", "EndEvent_OrderCancelled")
        .hasNotPassed("Task_ArrangeRefund");
  }

  @Test
  void cancellationAfterPaymentPassesThroughRefund() {
    ProcessInstance order = book("standard", false, false);
    confirmBookingAndCheckBike(order);
    assertThat(order).isWaitingAt("Task_BuyOutBike");

    requestCancellation();

    assertThat(order).isWaitingAt("Task_ArrangeRefund");
    assertThat(taskQuery().taskDefinitionKey("Task_BuyOutBike").count()).isZero();
    completeRefund(order);
    assertThat(order).isEnded().hasPassed("Task_RecordRefundRequest", "EndEvent_OrderCancelled");
    assertThat(refunds).hasSize(1);
  }

  @Test
  void shipmentMessagesMoveOnlyTheWaitStateThatTakesTheirLeg() {
    ProcessInstance order = book("standard", false, false);
    confirmBookingAndCheckBike(order);
    complete(task("Task_BuyOutBike", order), withVariables("buyoutAmountEur", 1700, "buyoutReceiptRef", "B-1"));
    assertThat(order).isWaitingAt("Task_RecordSellerShipment");

    // a leg this wait state does not take moves nothing: to Russia, or to the expert of an order without inspection
    assertThat(shipment(OrderFlowVariables.MESSAGE_SHIPMENT_RECORDED, "warehouse_to_russia")).isZero();
    assertThat(shipment(OrderFlowVariables.MESSAGE_SHIPMENT_RECORDED, "seller_to_expert")).isZero();
    assertThat(shipment(OrderFlowVariables.MESSAGE_SHIPMENT_DELIVERED, "seller_to_warehouse")).isZero();
    assertThat(order).isWaitingAt("Task_RecordSellerShipment");

    // the seller's leg to the warehouse ends "Record seller shipment"
    assertThat(shipment(OrderFlowVariables.MESSAGE_SHIPMENT_RECORDED, "seller_to_warehouse")).isEqualTo(1);
    assertThat(order).hasPassed("BoundaryEvent_SellerShipmentRecorded").isWaitingAt("Task_ReceiveBikeAtWarehouse");
    complete(task("Task_ReceiveBikeAtWarehouse", order), withVariables("packageCondition", "intact"));
    complete(task("Task_RepackBike", order));

    // the leg to Russia ends "Ship bike to Russia", its delivery "Confirm delivery"
    assertThat(shipment(OrderFlowVariables.MESSAGE_SHIPMENT_DELIVERED, "warehouse_to_russia")).isZero();
    assertThat(shipment(OrderFlowVariables.MESSAGE_SHIPMENT_RECORDED, "warehouse_to_russia")).isEqualTo(1);
    assertThat(order).hasPassed("BoundaryEvent_ShipmentToRussiaRecorded").isWaitingAt("Task_ConfirmDelivery");
    assertThat(shipment(OrderFlowVariables.MESSAGE_SHIPMENT_DELIVERED, "warehouse_to_russia")).isEqualTo(1);
    assertThat(order).hasPassed("BoundaryEvent_ShipmentDelivered").isWaitingAt("Task_CloseOrder");
  }

  /** Sends a shipment message for the last booked order's leg, as {@code OrderFlow} does: how many executions moved. */
  private int shipment(String message, String leg) {
    return runtimeService().createMessageCorrelation(message).processInstanceBusinessKey(String.valueOf(bookings))
        .localVariableEquals(OrderFlowVariables.SHIPMENT_LEG, leg).correlateAllWithResult().size();
  }

  @Test
  void cancellationIsRefusedOnceTheBikeShippedToRussia() {
    ProcessInstance order = book("standard", false, false);
    confirmBookingAndCheckBike(order);
    buyAndShipToWarehouse(order);
    complete(task("Task_RepackBike", order));
    complete(task("Task_ShipToRussia", order));
    assertThat(order).isWaitingAt("Task_ConfirmDelivery");

    assertThatThrownBy(this::requestCancellation).isInstanceOf(MismatchingMessageCorrelationException.class);
    assertThat(order).isWaitingAt("Task_ConfirmDelivery");
  }

  @Test
  void slaTimersWarnThenBreachThenEscalateAtTheDatesFromTheDecisionTable() {
    ProcessInstance order = book("standard", false, false);
    ProcessInstance vipOrder = book("vip", false, false);

    // booked: PT4H (vip PT2H), warning at 75 %, level 2 four hours after the breach (wall-clock calendar here)
    Job warning = job("BoundaryEvent_ConfirmBookingSlaWarning", order);
    Job breach = job("BoundaryEvent_ConfirmBookingSlaBreached", order);
    Job escalation = job("BoundaryEvent_ConfirmBookingSlaEscalated", order);
    assertThat(warning.getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofHours(3))));
    assertThat(breach.getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofHours(4))));
    assertThat(escalation.getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofHours(8))));
    assertThat(job("BoundaryEvent_ConfirmBookingSlaBreached", vipOrder).getDuedate())
        .isEqualTo(Date.from(NOW.plus(Duration.ofHours(2))));

    ClockUtil.setCurrentTime(warning.getDuedate());
    execute(warning);
    assertThat(order).hasPassed("EndEvent_ConfirmBookingSlaWarned").hasNotPassed("EndEvent_ConfirmBookingSlaBreached");
    ClockUtil.setCurrentTime(breach.getDuedate());
    execute(breach);
    assertThat(order).hasPassed("EndEvent_ConfirmBookingSlaBreached").isWaitingAt("Task_ConfirmBooking");
    assertThat(taskQuery().taskDefinitionKey("Task_ReviewConfirmBookingSlaBreach").count()).isZero();
    ClockUtil.setCurrentTime(escalation.getDuedate());
    execute(escalation);

    assertThat(order).isWaitingAt("Task_ConfirmBooking", "Task_ReviewConfirmBookingSlaBreach");
    assertThat(task("Task_ReviewConfirmBookingSlaBreach", order)).hasCandidateGroup("head-of-sales");
    assertThat(managementService().createJobQuery().processInstanceId(order.getId()).count()).isZero();
  }

  @Test
  void aReviewRaisedInTheFulfilmentPhaseLetsTheOrderGoOnToDelivery() {
    ProcessInstance order = book("standard", false, false);
    confirmBookingAndCheckBike(order);
    buyAndShipToWarehouse(order);
    escalateToLevelTwo(order, "RepackBike");

    // the review waits at process scope, outside the fulfilment sub-process, raised by its escalation
    assertThat(order).isWaitingAt("Task_RepackBike", "Task_ReviewRepackBikeSlaBreach")
        .hasPassed("EndEvent_RepackBikeSlaEscalated", "BoundaryEvent_RepackBikeSlaBreachEscalated");
    assertThat(atProcessScope(order, "Task_ReviewRepackBikeSlaBreach")).isTrue();
    assertThat(atProcessScope(order, "Task_RepackBike")).isFalse();
    assertThat(task("Task_ReviewRepackBikeSlaBreach", order)).hasCandidateGroup("head-of-sales");

    // when the phase's remaining tasks are done without the review
    complete(task("Task_RepackBike", order), withVariables("packedWeightKg", 14.5, "packedSizeCm", "140x30x80"));
    complete(task("Task_ShipToRussia", order),
        withVariables("russiaCarrier", "CDEK", "russiaTrackingNumber", "CD123"));

    // then the order has left the phase and the review is still open
    assertThat(order).hasPassed("EndEvent_ShippedToRussia")
        .isWaitingAtExactly("Task_ConfirmDelivery", "Task_ReviewRepackBikeSlaBreach");

    // completing the review ends just its branch
    complete(task("Task_ReviewRepackBikeSlaBreach", order));
    assertThat(order).hasPassed("EndEvent_RepackBikeSlaBreachReviewed").isWaitingAtExactly("Task_ConfirmDelivery");
    complete(task("Task_ConfirmDelivery", order));
    complete(task("Task_CloseOrder", order), withVariables("clientRating", "5"));
    assertThat(order).isEnded().hasPassed("EndEvent_OrderClosed");
  }

  @Test
  void aReviewRaisedBeforeACancellationStaysWithTheHeadOfSales() {
    ProcessInstance order = book("standard", false, false);
    escalateToLevelTwo(order, "ConfirmBooking");
    complete(task("Task_ConfirmBooking", order));

    requestCancellation();

    // the breach happened: its review outlives the cancelled fulfilment, and the instance ends with it
    assertThat(order).hasPassed("EndEvent_OrderCancelled").isWaitingAtExactly("Task_ReviewConfirmBookingSlaBreach");
    complete(task("Task_ReviewConfirmBookingSlaBreach", order));
    assertThat(order).isEnded();
  }

  @Test
  void finishingTheStageInTimeCancelsItsSlaTimers() {
    ProcessInstance order = book("standard", false, false);
    assertThat(managementService().createJobQuery().processInstanceId(order.getId()).count()).isEqualTo(3);

    complete(task("Task_ConfirmBooking", order));

    assertThat(managementService().createJobQuery().processInstanceId(order.getId()).list())
        .allSatisfy(job -> assertThat(job.getDuedate()).isAfter(Date.from(NOW.plus(Duration.ofHours(5)))));
    assertThat(job("BoundaryEvent_CheckBikeWithSellerSlaBreached", order).getDuedate())
        .isEqualTo(Date.from(NOW.plus(Duration.ofDays(1))));
  }

  @Test
  void clientClockStagesHaveTheSameSlaLadderAsTheManagersStages() {
    ProcessInstance order = book("standard", true, false);
    complete(task("Task_ConfirmBooking", order));

    assertThat(order).isWaitingAt("Task_ConfirmReservePayment");
    assertThat(managementService().createJobQuery().processInstanceId(order.getId()).timers().count())
        .as("warning, breach and escalation on the client's clock").isEqualTo(3);
  }

  // ---------------------------------------------------------------- steps

  /** Fires a stage's SLA rungs up to level 2, each at its due date: warning, breach, escalation. */
  private void escalateToLevelTwo(ProcessInstance order, String task) {
    for (String rung : List.of("SlaWarning", "SlaBreached", "SlaEscalated")) {
      Job job = job("BoundaryEvent_" + task + rung, order);
      ClockUtil.setCurrentTime(job.getDuedate());
      execute(job);
    }
  }

  /** Whether the activity's instance hangs right under the process instance, not inside a sub-process. */
  private boolean atProcessScope(ProcessInstance order, String activityId) {
    var tree = runtimeService().getActivityInstance(order.getId());
    return tree.getActivityInstances(activityId)[0].getParentActivityInstanceId().equals(tree.getId());
  }


  private int bookings;

  private ProcessInstance book(String tier, boolean reserve, boolean expert) {
    bookings++;
    return runtimeService().createMessageCorrelation(OrderFlowVariables.MESSAGE_ORDER_BOOKED)
        .processInstanceBusinessKey(String.valueOf(bookings))
        .setVariables(OrderFlowVariables.booked(bookings, "web-" + bookings, tier, "DE", reserve, expert))
        .correlateStartMessage();
  }

  private void confirmBookingAndCheckBike(ProcessInstance order) {
    complete(task("Task_ConfirmBooking", order));
    complete(task("Task_CheckBikeWithSeller", order), withVariables("bikeCondition", "good",
        "photoUrl", "https://photos.example/1", "confirmedPriceEur", 1850, "sellerContact", "Hans"));
    complete(task("Task_PresentCheckReport", order), withVariables("reportChannel", "whatsapp"));
    complete(task("Task_RecordClientDecision", order), withVariables("clientDecision", "buy"));
    complete(task("Task_ConfirmFullPayment", order), withVariables("fullPaymentAmountEur", 1850));
  }

  private void buyOutAndShip(ProcessInstance order) {
    complete(task("Task_BuyOutBike", order), withVariables("buyoutAmountEur", 1700, "buyoutReceiptRef", "B-1"));
    complete(task("Task_RecordSellerShipment", order),
        withVariables("sellerCarrier", "DHL", "sellerTrackingNumber", "JD0001"));
  }

  private void buyAndShipToWarehouse(ProcessInstance order) {
    buyOutAndShip(order);
    complete(task("Task_ReceiveBikeAtWarehouse", order), withVariables("packageCondition", "intact"));
  }

  private void shipToRussiaAndClose(ProcessInstance order) {
    complete(task("Task_RepackBike", order), withVariables("packedWeightKg", 14.5, "packedSizeCm", "140x30x80"));
    complete(task("Task_ShipToRussia", order),
        withVariables("russiaCarrier", "CDEK", "russiaTrackingNumber", "CD123"));
    complete(task("Task_ConfirmDelivery", order));
    complete(task("Task_CloseOrder", order), withVariables("clientRating", "5"));
  }

  private void completeRefund(ProcessInstance order) {
    complete(task("Task_ArrangeRefund", order),
        withVariables("refundAmountEur", 1850, "refundMethod", "bank_transfer", "refundReason", "returned"));
  }

  private void requestCancellation() {
    runtimeService().createMessageCorrelation(OrderFlowVariables.MESSAGE_CANCELLATION_REQUESTED)
        .processInstanceBusinessKey(String.valueOf(bookings)).correlate();
  }
}
