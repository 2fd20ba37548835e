package com.cjmflow.shipments;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.cjmflow.orderflow.OrderFlow;
import com.cjmflow.platform.EngineClock;
import com.cjmflow.platform.EngineContext;
import com.cjmflow.stage.TaskEvents;

/**
 * One truth for Tasklist and the API. A user task with {@code records=shipment} ({@code carrierVariable},
 * {@code trackingVariable}) writes the {@code shipments} row its form records, as the shipments API does; one with
 * {@code records=delivery} marks the leg's shipment delivered, as {@code PATCH …/delivered} does. The leg is the
 * task's local variable {@code shipmentLeg} (an input parameter of the model: the same variable the
 * {@code ShipmentRecorded}/{@code ShipmentDelivered} messages of the API path are matched on). The completion moves
 * the flow, so no message is sent; a shipment the API recorded before is not written twice.
 */
@Component
@Order(30)
class ShipmentTasks implements TaskEvents {

  static final String RECORDS = "records";

  private final Shipments shipments;

  ShipmentTasks(Shipments shipments) {
    this.shipments = shipments;
  }

  @Override
  public void completed(DelegateTask task, Map<String, String> properties) {
    String records = properties.get(RECORDS);
    if (!(task.getVariable("orderId") instanceof Number orderId)
        || !("shipment".equals(records) || "delivery".equals(records))) {
      return;
    }
    String leg = leg(task, properties);
    if (leg == null) {
      return;
    }
    String user = EngineContext.userId(task.getProcessEngineServices()).orElse(task.getAssignee());
    if ("delivery".equals(records)) {
      shipments.deliveredInTask(orderId.longValue(), leg, EngineClock.now(), user);
      return;
    }
    Object carrier = task.getVariable(properties.get("carrierVariable"));
    Object tracking = task.getVariable(properties.get("trackingVariable"));
    if (carrier == null || tracking == null || tracking.toString().isBlank()) {
      return;
    }
    shipments.recordInTask(new Shipments.NewShipment(orderId.longValue(), leg, carrier.toString().trim(),
        tracking.toString().trim(), EngineClock.now(), user));
  }

  /** The model's {@code shipmentLeg}; orders still on a version before it name it in the {@code leg} property. */
  private static String leg(DelegateTask task, Map<String, String> properties) {
    if (task.getVariable(OrderFlow.SHIPMENT_LEG) instanceof String leg) {
      return leg;
    }
    String leg = properties.get("leg");
    if ("seller".equals(leg)) {
      return Boolean.TRUE.equals(task.getVariable("expertInspection")) ? Shipments.SELLER_TO_EXPERT
          : "seller_to_warehouse";
    }
    return leg;
  }
}
