package com.cjmflow.orderflow;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.cjmflow.customers.Customers;
import com.cjmflow.orderflow.process.OrderFlowVariables;
import com.cjmflow.platform.ApiProblems;
import com.cjmflow.platform.AsSystem;
import com.cjmflow.platform.DomainException;
import com.cjmflow.platform.EngineClock;
import com.cjmflow.stage.JourneyLog;

/**
 * The order flow's facade: booking starts the process, cancellation and outside events are messages to it. Who may
 * book, cancel and record payments is decided by {@code security/roles.yaml} at the endpoint; the messages then go
 * to the engine in the caller's name with the engine's admin rights ({@link AsSystem#onBehalfOfCaller}), because the engine permission they need (UPDATE_INSTANCE) would
 * also let the caller modify, suspend and re-time orders.
 */
@Service
public class OrderFlow {

  /**
   * The local variable naming the shipment leg a wait state takes (the model maps it onto the task); the
   * {@code ShipmentRecorded} / {@code ShipmentDelivered} messages are matched on it.
   */
  public static final String SHIPMENT_LEG = OrderFlowVariables.SHIPMENT_LEG;

  /** What the booking system sends. */
  public record NewOrder(String externalId, Customers.Contact customer, String bikeTitle, String sellerCountry,
      BigDecimal priceEur, boolean reserveRequired, boolean expertInspection) {}

  /** The booked order; {@code created} is false when the external id was booked before. */
  public record Booking(long orderId, String processInstanceId, String status, boolean created) {}

  private final RuntimeService runtime;
  private final Orders orders;
  private final OrderRegistration registration;
  private final JourneyLog journey;
  private final TransactionTemplate transaction;
  private final AsSystem asSystem;

  OrderFlow(RuntimeService runtime, Orders orders, OrderRegistration registration, JourneyLog journey,
      TransactionTemplate transaction, AsSystem asSystem) {
    this.asSystem = asSystem;
    this.runtime = runtime;
    this.orders = orders;
    this.registration = registration;
    this.journey = journey;
    this.transaction = transaction;
  }

  /** Books an order once: customer, order and process start commit together; a repeated call returns the first. */
  public Booking book(NewOrder order) {
    try {
      return asSystem.onBehalfOfCaller(() -> transaction.execute(status -> existing(order.externalId())
          .orElseGet(() -> start(order))));
    } catch (DuplicateKeyException | TransientDataAccessException concurrentBooking) {
      return registration.parallelWinner(order.externalId())
          .map(o -> new Booking(o.id(), o.processInstanceId(), o.status(), false)).orElseThrow(() -> concurrentBooking);
    }
  }

  private Booking start(NewOrder order) {
    long orderId = registration.register(order);
    String processInstanceId = runtime.createMessageCorrelation(OrderFlowVariables.MESSAGE_ORDER_BOOKED)
        .processInstanceBusinessKey(String.valueOf(orderId))
        .setVariables(OrderFlowVariables.booked(orderId, order.externalId(), order.customer().tier(),
            order.sellerCountry(), order.reserveRequired(), order.expertInspection()))
        .correlateStartMessage()
        .getId();
    return new Booking(orderId, processInstanceId, orders.find(orderId).orElseThrow().status(), true);
  }

  /** Requests cancellation; possible until the bike ships to Russia (the model decides), else 409. */
  public void cancel(long orderId, String reason) {
    asSystem.onBehalfOfCaller(() -> {
      requestCancellation(orderId, reason);
      return null;
    });
  }

  private void requestCancellation(long orderId, String reason) {
    Orders.Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFound(orderId));
    if (!waitsForCancellation(order)) {
      throw refused(order);
    }
    transaction.executeWithoutResult(status -> {
      journey.record(orderId, "cancellation_requested", order.status(), null, null, null, reason, now());
      try {
        runtime.createMessageCorrelation(OrderFlowVariables.MESSAGE_CANCELLATION_REQUESTED)
            .processInstanceBusinessKey(String.valueOf(orderId))
            .setVariable(OrderFlowVariables.CANCELLATION_REASON, reason)
            .correlateWithResult();
      } catch (MismatchingMessageCorrelationException e) {
        throw refused(order);
      } catch (RuntimeException e) {
        // a parallel request took the subscription between finding and triggering it: the same lost race. The engine
        // reports it as an optimistic-locking failure or, when the winner's commit removed the subscription's
        // execution between the two reads of the correlation, as a NullPointerException of its own; either way the
        // subscription is gone once the winner committed
        if (!waitsForCancellation(order)) {
          throw refused(order);
        }
        throw e;
      }
    });
  }

  private boolean waitsForCancellation(Orders.Order order) {
    return order.processInstanceId() != null && runtime.createEventSubscriptionQuery()
        .processInstanceId(order.processInstanceId())
        .eventName(OrderFlowVariables.MESSAGE_CANCELLATION_REQUESTED).count() > 0;
  }

  private static RuntimeException refused(Orders.Order order) {
    return new DomainException.StateConflict("Order " + order.id() + " cannot be cancelled in status " + order.status());
  }

  /** Kinds of payment the process waits for. */
  public enum PaymentKind { RESERVE, FULL }

  /**
   * Tells the order's process that a payment arrived ({@code ReservePaymentReceived} / {@code FullPaymentReceived}).
   * Returns false when the process is not waiting for it (e.g. a manager already confirmed it by hand).
   */
  public boolean paymentReceived(long orderId, PaymentKind kind) {
    String message = kind == PaymentKind.RESERVE ? OrderFlowVariables.MESSAGE_RESERVE_PAYMENT_RECEIVED
        : OrderFlowVariables.MESSAGE_FULL_PAYMENT_RECEIVED;
    String flag = kind == PaymentKind.RESERVE ? OrderFlowVariables.RESERVE_PAID : OrderFlowVariables.FULL_PAID;
    return asSystem.onBehalfOfCaller(() -> !runtime.createMessageCorrelation(message)
        .processInstanceBusinessKey(String.valueOf(orderId)).setVariable(flag, true).correlateAllWithResult()
        .isEmpty());
  }

  /**
   * Tells the order's process that a shipment leg was recorded ({@code ShipmentRecorded}). Only a wait state that
   * takes this leg (its local {@code shipmentLeg}, set by the model) moves; returns false when none waits for it.
   */
  public boolean shipmentRecorded(long orderId, String leg) {
    return shipmentEvent(OrderFlowVariables.MESSAGE_SHIPMENT_RECORDED, orderId, leg);
  }

  /** Tells the order's process that a shipment leg was delivered ({@code ShipmentDelivered}); as above. */
  public boolean shipmentDelivered(long orderId, String leg) {
    return shipmentEvent(OrderFlowVariables.MESSAGE_SHIPMENT_DELIVERED, orderId, leg);
  }

  private boolean shipmentEvent(String message, long orderId, String leg) {
    return asSystem.onBehalfOfCaller(() -> !runtime.createMessageCorrelation(message)
        .processInstanceBusinessKey(String.valueOf(orderId))
        .localVariableEquals(OrderFlowVariables.SHIPMENT_LEG, leg)
        .correlateAllWithResult().isEmpty());
  }

  private Optional<Booking> existing(String externalId) {
    return orders.findByExternalId(externalId)
        .map(o -> new Booking(o.id(), o.processInstanceId(), o.status(), false));
  }

  static OffsetDateTime now() {
    return EngineClock.now();
  }
}
