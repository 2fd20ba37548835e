package com.cjmflow.shipments;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.cjmflow.orderflow.OrderNotFound;
import com.cjmflow.orderflow.Orders;
import com.cjmflow.platform.DomainException;
import com.cjmflow.platform.Page;
import com.cjmflow.platform.PagedQuery;
import com.cjmflow.stage.JourneyLog;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Legs of a bike's way ({@code shipments}): seller → warehouse or expert, warehouse → Russia. A carrier's tracking
 * number belongs to one shipment; recording it again for the same order returns that shipment.
 */
@Service
public class Shipments {

  public static final String SELLER_TO_EXPERT = "seller_to_expert";
  /** The legs a shipment can be. */
  public static final java.util.Set<String> LEGS = java.util.Set.of("seller_to_warehouse", SELLER_TO_EXPERT,
      "warehouse_to_russia");

  /** A shipment to record. */
  public record NewShipment(long orderId, String leg, String carrier, String trackingNumber, OffsetDateTime shippedAt,
      String recordedBy) {}

  public record Shipment(long id, long orderId, String leg, String carrier, String trackingNumber,
      OffsetDateTime shippedAt, OffsetDateTime deliveredAt, String recordedBy, OffsetDateTime createdAt) {}

  /** The stored shipment; {@code created} is false when its tracking number was recorded before. */
  public record Recorded(Shipment shipment, boolean created) {}

  private static final RowMapper<Shipment> ROW = (rs, i) -> new Shipment(rs.getLong("id"), rs.getLong("order_id"),
      rs.getString("leg"), rs.getString("carrier"), rs.getString("tracking_number"),
      rs.getObject("shipped_at", OffsetDateTime.class), rs.getObject("delivered_at", OffsetDateTime.class),
      rs.getString("recorded_by"), rs.getObject("created_at", OffsetDateTime.class));

  private final JdbcTemplate jdbc;
  private final Orders orders;
  private final JourneyLog journey;
  private final TransactionTemplate transaction;

  Shipments(JdbcTemplate jdbc, Orders orders, JourneyLog journey, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.orders = orders;
    this.journey = journey;
    this.transaction = transaction;
  }

  /**
   * Records a shipment once: 404 for an unknown order, 409 when the tracking number belongs to another order or leg,
   * 422 when the leg does not fit the order (to the expert only when the order has an expert inspection).
   */
  public Recorded record(NewShipment s) {
    try {
      return transaction.execute(status -> {
        Orders.Order order = orders.find(s.orderId()).orElseThrow(() -> new OrderNotFound(s.orderId()));
        Optional<Shipment> known = findByTracking(s.carrier(), s.trackingNumber());
        if (known.isPresent()) {
          return repeat(known.get(), s);
        }
        if (SELLER_TO_EXPERT.equals(s.leg()) && !order.expertInspection()) {
          throw new DomainException.RuleViolation("Order " + order.id() + " has no expert inspection; leg " + s.leg()
              + " does not fit it");
        }
        return new Recorded(find(insert(s)).orElseThrow(), true);
      });
    } catch (DuplicateKeyException concurrentRepeat) {
      return repeat(findByTracking(s.carrier(), s.trackingNumber()).orElseThrow(() -> concurrentRepeat), s);
    }
  }

  /** Marks a shipment delivered: 404 unknown, 409 when already delivered at another time, 422 before shipping. */
  public Shipment delivered(long shipmentId, OffsetDateTime deliveredAt, String actor) {
    return transaction.execute(status -> {
      Shipment shipment = find(shipmentId).orElseThrow(() -> new ShipmentNotFound(shipmentId));
      if (shipment.deliveredAt() != null) {
        return sameInstant(shipment, deliveredAt);
      }
      if (deliveredAt.isBefore(shipment.shippedAt())) {
        throw new DomainException.RuleViolation("Shipment " + shipmentId + " cannot be delivered before it was shipped ("
            + shipment.shippedAt() + ")");
      }
      if (jdbc.update("update shipments set delivered_at = ? where id = ? and delivered_at is null", deliveredAt,
          shipmentId) == 0) {
        return sameInstant(find(shipmentId).orElseThrow(), deliveredAt);
      }
      journey.record(shipment.orderId(), "shipment_delivered", null, null, null, actor,
          shipment.leg() + " " + shipment.carrier() + " " + shipment.trackingNumber(), deliveredAt);
      return find(shipmentId).orElseThrow();
    });
  }

  public Optional<Shipment> find(long id) {
    return jdbc.query("select * from shipments where id = ?", ROW, id).stream().findFirst();
  }

  /** An order's shipments, oldest first, optionally of one leg; 404 for an unknown order. */
  public Page<Shipment> list(long orderId, String leg, int page, int size) {
    if (orders.find(orderId).isEmpty()) {
      throw new OrderNotFound(orderId);
    }
    return PagedQuery.from("from shipments").where("order_id = ?", orderId).whereIf(leg, "leg = ?")
        .page(jdbc, "select *", "shipped_at, id", ROW, page, size);
  }

  private static Recorded repeat(Shipment known, NewShipment s) {
    if (known.orderId() != s.orderId() || !known.leg().equals(s.leg())) {
      throw new DomainException.StateConflict("Tracking number " + s.trackingNumber() + " of " + s.carrier()
          + " is already recorded for order " + known.orderId() + ", leg " + known.leg());
    }
    return new Recorded(known, false);
  }

  private static Shipment sameInstant(Shipment shipment, OffsetDateTime deliveredAt) {
    if (!shipment.deliveredAt().isEqual(deliveredAt)) {
      throw new DomainException.StateConflict("Shipment " + shipment.id() + " was already delivered at " + shipment.deliveredAt());
    }
    return shipment;
  }

  /** The shipment with this carrier's tracking number. */
  public Optional<Shipment> findByTracking(String carrier, String trackingNumber) {
    return jdbc.query("select * from shipments where carrier = ? and tracking_number = ?", ROW, carrier,
        trackingNumber).stream().findFirst();
  }

  private long insert(NewShipment s) {
    var key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var insert = connection.prepareStatement("""
          insert into shipments (order_id, leg, carrier, tracking_number, shipped_at, recorded_by, created_at)
          values (?, ?, ?, ?, ?, ?, current_timestamp)""", new String[] {"id"});
      insert.setLong(1, s.orderId());
      insert.setString(2, s.leg());
      insert.setString(3, s.carrier());
      insert.setString(4, s.trackingNumber());
      insert.setObject(5, s.shippedAt());
      insert.setString(6, s.recordedBy());
      return insert;
    }, key);
    long id = key.getKey().longValue();
    journey.record(s.orderId(), "shipment_recorded", null, null, null, s.recordedBy(),
        s.leg() + " " + s.carrier() + " " + s.trackingNumber(), s.shippedAt());
    return id;
  }
}
