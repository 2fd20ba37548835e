package com.cjmflow.shipments;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.cjmflow.orderflow.OrderFlow;
import com.cjmflow.orderflow.OrderNotFound;
import com.cjmflow.orderflow.Orders;
import com.cjmflow.platform.DomainException;
import com.cjmflow.platform.Page;
import com.cjmflow.platform.PagedQuery;
import com.cjmflow.stage.JourneyLog;

/**
 * Legs of a bike's way ({@code shipments}): seller → warehouse or expert, warehouse → Russia. A carrier's tracking
 * number belongs to one shipment; recording it again for the same order returns that shipment. A new shipment and a
 * delivery are told to the order's process ({@link OrderFlow#shipmentRecorded}, {@link OrderFlow#shipmentDelivered}):
 * the wait state that takes that leg moves on in the same transaction; a shipment nobody waits for is still recorded.
 */
@Service
public class Shipments {

  public static final String SELLER_TO_EXPERT = "seller_to_expert";
  /** The legs a shipment can be. */
  public static final Set<String> LEGS = Set.of("seller_to_warehouse", SELLER_TO_EXPERT, "warehouse_to_russia");

  /** A shipment to record. */
  public record NewShipment(long orderId, String leg, String carrier, String trackingNumber, OffsetDateTime shippedAt,
      String recordedBy) {}

  public record Shipment(long id, long orderId, String leg, String carrier, String trackingNumber,
      OffsetDateTime shippedAt, OffsetDateTime deliveredAt, String recordedBy, OffsetDateTime createdAt) {}

  /**
   * The stored shipment; {@code created} is false when its tracking number was recorded before,
   * {@code processAdvanced} says whether the order's process moved on.
   */
  public record Recorded(Shipment shipment, boolean created, boolean processAdvanced) {}

  private final JdbcClient jdbc;
  private final Orders orders;
  private final OrderFlow orderFlow;
  private final JourneyLog journey;
  private final TransactionTemplate transaction;

  Shipments(JdbcClient jdbc, Orders orders, OrderFlow orderFlow, JourneyLog journey,
      TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.orders = orders;
    this.orderFlow = orderFlow;
    this.journey = journey;
    this.transaction = transaction;
  }

  /**
   * Records a shipment once: 404 for an unknown order, 409 when the tracking number belongs to another order or leg,
   * 422 when the leg does not fit the order (to the expert only when the order has an expert inspection). A new one
   * moves the order's wait state for that leg, if it waits there.
   */
  public Recorded record(NewShipment s) {
    try {
      return transaction.execute(status -> recordOnce(s));
    } catch (DuplicateKeyException concurrentRepeat) {
      return repeat(findByTracking(s.carrier(), s.trackingNumber()).orElseThrow(() -> concurrentRepeat), s);
    }
  }

  /**
   * Records the shipment a user entered in the order's own task (Tasklist, {@code records=shipment}): the same row
   * as {@link #record}, without telling the process (the task's completion moves it). Joins the engine transaction.
   */
  void recordInTask(NewShipment s) {
    alreadyRecorded(s, false).ifPresentOrElse(known -> repeat(known, s), () -> insert(s));
  }

  private Recorded recordOnce(NewShipment s) {
    Optional<Shipment> known = alreadyRecorded(s, true);
    if (known.isPresent()) {
      return repeat(known.get(), s);
    }
    long id = insert(s);
    boolean advanced = orderFlow.shipmentRecorded(s.orderId(), s.leg());
    return new Recorded(find(id).orElseThrow(), true, advanced);
  }

  /**
   * Checks a shipment to record against its order; the shipment already recorded with its tracking number, if any.
   * The order is read when it may not exist ({@code checkOrder}: a call from outside) or the leg needs its expert
   * inspection; a task of the order knows it exists.
   */
  private Optional<Shipment> alreadyRecorded(NewShipment s, boolean checkOrder) {
    boolean toExpert = SELLER_TO_EXPERT.equals(s.leg());
    Orders.Order order = checkOrder || toExpert
        ? orders.find(s.orderId()).orElseThrow(() -> new OrderNotFound(s.orderId())) : null;
    Optional<Shipment> known = findByTracking(s.carrier(), s.trackingNumber());
    if (known.isEmpty() && toExpert && !order.expertInspection()) {
      throw new DomainException.RuleViolation("Order " + s.orderId() + " has no expert inspection; leg " + s.leg()
          + " does not fit it");
    }
    return known;
  }

  /**
   * Marks a shipment delivered: 404 unknown, 409 when already delivered at another time, 422 before shipping. The
   * first delivery moves the order's wait state for that leg's delivery, if it waits there.
   */
  public Shipment delivered(long shipmentId, OffsetDateTime deliveredAt, String actor) {
    return transaction.execute(status -> deliver(find(shipmentId).orElseThrow(() -> new ShipmentNotFound(shipmentId)),
        deliveredAt, actor, true));
  }

  /**
   * The delivery a user confirmed in the order's own task ({@code records=delivery}): marks the order's latest
   * undelivered shipment of the leg delivered, without telling the process. Nothing when there is none.
   */
  void deliveredInTask(long orderId, String leg, OffsetDateTime at, String actor) {
    jdbc.sql("""
        select * from shipments where order_id = ? and leg = ? and delivered_at is null
        order by shipped_at desc, id desc fetch first 1 rows only""").params(orderId, leg).query(Shipment.class)
        .optional().ifPresent(shipment -> deliver(shipment,
            at.isBefore(shipment.shippedAt()) ? shipment.shippedAt() : at, actor, false));
  }

  private Shipment deliver(Shipment shipment, OffsetDateTime deliveredAt, String actor, boolean tellProcess) {
    if (shipment.deliveredAt() != null) {
      return sameInstant(shipment, deliveredAt);
    }
    if (deliveredAt.isBefore(shipment.shippedAt())) {
      throw new DomainException.RuleViolation("Shipment " + shipment.id() + " cannot be delivered before it was "
          + "shipped (" + shipment.shippedAt() + ")");
    }
    if (jdbc.sql("update shipments set delivered_at = ? where id = ? and delivered_at is null")
        .params(deliveredAt, shipment.id()).update() == 0) {
      return sameInstant(find(shipment.id()).orElseThrow(), deliveredAt);
    }
    journey.record(shipment.orderId(), "shipment_delivered", null, null, null, actor,
        shipment.leg() + " " + shipment.carrier() + " " + shipment.trackingNumber(), deliveredAt);
    if (tellProcess) {
      orderFlow.shipmentDelivered(shipment.orderId(), shipment.leg());
    }
    return find(shipment.id()).orElseThrow();
  }

  public Optional<Shipment> find(long id) {
    return jdbc.sql("select * from shipments where id = ?").param(id).query(Shipment.class).optional();
  }

  /** An order's shipments, oldest first, optionally of one leg; 404 for an unknown order. */
  public Page<Shipment> list(long orderId, String leg, int page, int size) {
    if (orders.find(orderId).isEmpty()) {
      throw new OrderNotFound(orderId);
    }
    return PagedQuery.from("from shipments").where("order_id = ?", orderId).whereIf(leg, "leg = ?")
        .page(jdbc, "select *", "shipped_at, id", Shipment.class, page, size);
  }

  /** An order's first {@code size} shipments, oldest first, for a caller that found the order; without a count. */
  public List<Shipment> ofOrder(long orderId, int size) {
    return PagedQuery.from("from shipments").where("order_id = ?", orderId)
        .first(jdbc, "select *", "shipped_at, id", Shipment.class, size);
  }

  private static Recorded repeat(Shipment known, NewShipment s) {
    if (known.orderId() != s.orderId() || !known.leg().equals(s.leg())) {
      throw new DomainException.StateConflict("Tracking number " + s.trackingNumber() + " of " + s.carrier()
          + " is already recorded for order " + known.orderId() + ", leg " + known.leg());
    }
    return new Recorded(known, false, false);
  }

  private static Shipment sameInstant(Shipment shipment, OffsetDateTime deliveredAt) {
    if (!shipment.deliveredAt().isEqual(deliveredAt)) {
      throw new DomainException.StateConflict("Shipment " + shipment.id() + " was already delivered at "
          + shipment.deliveredAt());
    }
    return shipment;
  }

  /** The shipment with this carrier's tracking number. */
  public Optional<Shipment> findByTracking(String carrier, String trackingNumber) {
    return jdbc.sql("select * from shipments where carrier = ? and tracking_number = ?")
        .params(carrier, trackingNumber).query(Shipment.class).optional();
  }

  private long insert(NewShipment s) {
    var key = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into shipments (order_id, leg, carrier, tracking_number, shipped_at, recorded_by, created_at)
        values (?, ?, ?, ?, ?, ?, current_timestamp)""")
        .params(s.orderId(), s.leg(), s.carrier(), s.trackingNumber(), s.shippedAt(), s.recordedBy())
        .update(key, "id");
    journey.record(s.orderId(), "shipment_recorded", null, null, null, s.recordedBy(),
        s.leg() + " " + s.carrier() + " " + s.trackingNumber(), s.shippedAt());
    return key.getKey().longValue();
  }
}
