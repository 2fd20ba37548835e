package com.cjmflow.orderflow.process;

import java.math.BigDecimal;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

import com.cjmflow.platform.SharedVariables;

/** The variables of {@code order-flow}: names in one place, typed reads and writes. */
public final class OrderFlowVariables {

  public static final String PROCESS_KEY = "order-flow";
  public static final String MESSAGE_ORDER_BOOKED = "OrderBooked";
  public static final String MESSAGE_RESERVE_PAYMENT_RECEIVED = "ReservePaymentReceived";
  public static final String MESSAGE_FULL_PAYMENT_RECEIVED = "FullPaymentReceived";
  public static final String MESSAGE_CANCELLATION_REQUESTED = "OrderCancellationRequested";
  /** A shipment leg was recorded (API, ERP, carrier): moves the task waiting for that leg ({@link #SHIPMENT_LEG}). */
  public static final String MESSAGE_SHIPMENT_RECORDED = "ShipmentRecorded";
  /** A shipment leg was delivered: moves the task waiting for that leg's delivery. */
  public static final String MESSAGE_SHIPMENT_DELIVERED = "ShipmentDelivered";
  /** The leg a wait state takes, a local variable the model maps onto it (input parameter); messages match it. */
  public static final String SHIPMENT_LEG = "shipmentLeg";

  public static final String ORDER_ID = SharedVariables.ORDER_ID.name();
  public static final String EXTERNAL_ID = "externalId";
  public static final String CUSTOMER_NAME = "customerName";
  public static final String CUSTOMER_EMAIL = "customerEmail";
  public static final String CUSTOMER_PHONE = "customerPhone";
  public static final String CUSTOMER_TIER = SharedVariables.CUSTOMER_TIER.name();
  public static final String BIKE_TITLE = "bikeTitle";
  public static final String SELLER_COUNTRY = SharedVariables.SELLER_COUNTRY.name();
  public static final String PRICE_EUR = "priceEur";
  public static final String RESERVE_REQUIRED = "reserveRequired";
  public static final String EXPERT_INSPECTION = "expertInspection";
  public static final String RESERVE_PAID = "reservePaid";
  public static final String FULL_PAID = "fullPaid";
  public static final String CANCELLATION_REASON = "cancellationReason";
  public static final String REFUND_AMOUNT_EUR = "refundAmountEur";
  public static final String REFUND_METHOD = "refundMethod";
  public static final String REFUND_REASON = "refundReason";

  private OrderFlowVariables() {}

  /** The start variables of a booked order: the facts the gateways and the SLA table decide on. */
  public static VariableMap booked(long orderId, String externalId, String customerTier, String sellerCountry,
      boolean reserveRequired, boolean expertInspection) {
    return Variables.createVariables()
        .putValue(ORDER_ID, orderId)
        .putValue(EXTERNAL_ID, externalId)
        .putValue(CUSTOMER_TIER, customerTier)
        .putValue(SELLER_COUNTRY, sellerCountry)
        .putValue(RESERVE_REQUIRED, reserveRequired)
        .putValue(EXPERT_INSPECTION, expertInspection)
        .putValue(RESERVE_PAID, false)
        .putValue(FULL_PAID, false);
  }

  public static Long orderId(VariableScope scope) {
    return SharedVariables.ORDER_ID.from(scope);
  }

  public static String string(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : value.toString();
  }

  public static boolean flag(VariableScope scope, String name) {
    return Boolean.TRUE.equals(scope.getVariable(name));
  }

  /** Numbers arrive from forms as Long, Double or String; money is kept exact. */
  public static BigDecimal money(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value == null) {
      return null;
    }
    return new BigDecimal(value.toString()).setScale(2, java.math.RoundingMode.HALF_UP);
  }
}
