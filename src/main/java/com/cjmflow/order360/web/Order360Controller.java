package com.cjmflow.order360.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.order360.ManagerWorkload;
import com.cjmflow.order360.Order360;
import com.cjmflow.cases.OrderCase;
import com.cjmflow.cases.OrderCases;
import com.cjmflow.followups.Followups;
import com.cjmflow.orderflow.LiveState;
import com.cjmflow.payments.Payments;
import com.cjmflow.shipments.Shipments;
import com.cjmflow.platform.ApiProblems;
import com.cjmflow.platform.CurrentUser;
import com.cjmflow.stage.StageJourney;
import com.cjmflow.touchpoints.Touchpoints;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The order 360 and a manager's live workload: what the AI head of sales reads in one call each. */
@Tag(name = "Order 360", description = "Everything about an order, and a manager's live workload, in one call each")
@RestController
class Order360Controller {

  private static final List<String> MANAGERS = List.of("sales-managers", "head-of-sales");
  private static final int LIST_SIZE = 200;

  record OrderView(Order360.Summary order, List<StageJourney.StageVisit> stageHistory,
      List<LiveState.OpenTask> openTasks, List<LiveState.PendingTimer> pendingTimers,
      List<Touchpoints.Touchpoint> latestTouchpoints, List<Followups.Followup> followups, Payments.Page payments,
      List<Shipments.Shipment> shipments, List<OrderCase> cases, List<Order360.Refund> refunds,
      StageJourney.Delay delay) {}

  private final Order360 orders;
  private final ManagerWorkload workloads;
  private final StageJourney journey;
  private final LiveState live;
  private final Touchpoints touchpoints;
  private final Followups followups;
  private final Payments payments;
  private final Shipments shipments;
  private final CurrentUser currentUser;
  private final OrderCases cases;

  Order360Controller(Order360 orders, ManagerWorkload workloads, StageJourney journey, LiveState live,
      Touchpoints touchpoints, Followups followups, Payments payments, Shipments shipments, CurrentUser currentUser,
      OrderCases cases) {
    this.cases = cases;
    this.orders = orders;
    this.workloads = workloads;
    this.journey = journey;
    this.live = live;
    this.touchpoints = touchpoints;
    this.followups = followups;
    this.payments = payments;
    this.shipments = shipments;
    this.currentUser = currentUser;
  }

  /**
   * Order, customer, current stage and its SLA, stage history, open work, contacts, money, shipments, cases. The
   * summary says which lists hold anything; an empty one is not read, the others are read without counts.
   */
  @Operation(operationId = "getOrder360", summary = "The order 360",
      description = "Order, customer, current stage and its SLA, stage history, open tasks, timers, touchpoints, "
          + "follow-ups, payments, shipments, cases and refunds.")
  @GetMapping("/api/v1/crm/orders/{orderId}")
  OrderView order(@PathVariable long orderId) {
    Order360.Overview o = orders.overview(orderId).orElseThrow(() -> ApiProblems.notFound("Order", orderId));
    LiveState.Live now = live.visibleLive(o.processInstanceId());
    List<StageJourney.StageVisit> stages = journey.stages(orderId);
    return new OrderView(o.summary(), stages, now.openTasks(), now.pendingTimers(),
        o.hasTouchpoints() ? touchpoints.latestOfOrder(orderId, 20) : List.of(),
        o.hasFollowups() ? followups.ofOrder(orderId, LIST_SIZE) : List.of(),
        o.hasPayments() ? payments.firstPage(orderId, LIST_SIZE)
            : new Payments.Page(List.of(), 0, LIST_SIZE, 0, List.of()),
        o.hasShipments() ? shipments.ofOrder(orderId, LIST_SIZE) : List.of(),
        o.hasCases() ? cases.ofOrder(orderId) : List.of(), o.hasRefunds() ? orders.refunds(orderId) : List.of(),
        StageJourney.delay(stages));
  }

  /**
   * Open tasks by stage, overdue work, breaches today, open reply windows, delayed orders (an outside party's clock
   * ran out). Own workload, or as an overseer.
   */
  @Operation(operationId = "getManagerWorkload", summary = "A manager's live workload",
      description = "Open tasks by stage, overdue tasks and follow-ups, breaches today, open reply windows, and the "
          + "delayed orders: those whose open stage ran past its SLA on an outside party's clock (`delays`: order, "
          + "whose clock, stage, since, due). A manager reads their own; the head of sales, process owners and "
          + "admins anyone's.")
  @GetMapping("/api/v1/crm/managers/{managerId}/workload")
  ManagerWorkload.Workload workload(@PathVariable String managerId) {
    if (!currentUser.isMemberOfAny(managerId, MANAGERS)) {
      throw ApiProblems.notFound("Manager", managerId);
    }
    return workloads.of(managerId);
  }
}
