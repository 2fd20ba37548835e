package com.cjmflow.shipments;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.BatchInsert;

/** Bulk import of shipment legs from another system (the legacy CRM backfill): one JDBC batch. */
@Component
public class ShipmentImport {

  public record NewShipment(long orderId, String leg, String carrier, String trackingNumber, OffsetDateTime shippedAt,
      OffsetDateTime deliveredAt, String recordedBy) {}

  private final JdbcTemplate jdbc;

  ShipmentImport(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<Long> insert(List<NewShipment> shipments, OffsetDateTime now) {
    List<Object[]> rows = new ArrayList<>(shipments.size());
    for (NewShipment s : shipments) {
      rows.add(new Object[] {s.orderId(), s.leg(), s.carrier(), s.trackingNumber(), s.shippedAt(), s.deliveredAt(),
          s.recordedBy(), now});
    }
    return BatchInsert.returningIds(jdbc, """
        insert into shipments (order_id, leg, carrier, tracking_number, shipped_at, delivered_at, recorded_by,
          created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?)""", rows);
  }

  /** Updates shipment legs imported before with what the source says now (e.g. delivered since). */
  public void update(List<Long> ids, List<NewShipment> shipments) {
    List<Object[]> rows = new ArrayList<>(shipments.size());
    for (int i = 0; i < shipments.size(); i++) {
      NewShipment s = shipments.get(i);
      rows.add(new Object[] {s.leg(), s.carrier(), s.trackingNumber(), s.shippedAt(), s.deliveredAt(), ids.get(i)});
    }
    BatchInsert.rows(jdbc, """
        update shipments set leg = ?, carrier = ?, tracking_number = ?, shipped_at = ?, delivered_at = ? where id = ?""",
        rows);
  }
}
