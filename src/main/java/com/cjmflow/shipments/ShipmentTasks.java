package com.cjmflow.shipments;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.EngineClock;
import com.cjmflow.platform.EngineContext;
import com.cjmflow.stage.TaskEvents;

/**
 * One truth for Tasklist and the API: a user task with {@code records=shipment} (and {@code leg} — a leg, or
 * {@code seller} for the seller's leg to the expert or the warehouse — {@code carrierVariable},
 * {@code trackingVariable}) writes the {@code shipments} row its form records, as the shipments API does.
 */
@Component
@Order(30)
class ShipmentTasks implements TaskEvents {

  private final Shipments shipments;

  ShipmentTasks(Shipments shipments) {
    this.shipments = shipments;
  }

  @Override
  public void completed(DelegateTask task, Map<String, String> properties) {
    if (!"shipment".equals(properties.get("records")) || !(task.getVariable("orderId") instanceof Number orderId)) {
      return;
    }
    Object carrier = task.getVariable(properties.get("carrierVariable"));
    Object tracking = task.getVariable(properties.get("trackingVariable"));
    if (carrier == null || tracking == null || tracking.toString().isBlank()) {
      return;
    }
    String leg = properties.get("leg");
    if ("seller".equals(leg)) {
      leg = Boolean.TRUE.equals(task.getVariable("expertInspection")) ? Shipments.SELLER_TO_EXPERT
          : "seller_to_warehouse";
    }
    shipments.record(new Shipments.NewShipment(orderId.longValue(), leg, carrier.toString().trim(),
        tracking.toString().trim(), EngineClock.now(),
        EngineContext.userId(task.getProcessEngineServices()).orElse(task.getAssignee())));
  }
}
