package com.cjmflow.orderflow;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.cjmflow.stage.StageEntered;

/**
 * The {@code orders} table, its only writer: status (from the stage tracker's events), manager, contact aggregates
 * and stall flags. Joins the caller's transaction.
 */
@Component
public class Orders {

  /** An order as stored. */
  public record Order(long id, String externalId, long customerId, String status, String bikeTitle,
      String sellerCountry, BigDecimal priceEur, boolean reserveRequired, boolean expertInspection,
      String processInstanceId, String managerId, OffsetDateTime createdAt) {}

  private static final RowMapper<Order> ROW = (rs, i) -> new Order(rs.getLong("id"), rs.getString("external_id"),
      rs.getLong("customer_id"), rs.getString("status"), rs.getString("bike_title"), rs.getString("seller_country"),
      rs.getBigDecimal("price_amount"), rs.getBoolean("reserve_required"), rs.getBoolean("expert_inspection"),
      rs.getString("process_instance_id"), rs.getString("manager_id"),
      rs.getObject("created_at", OffsetDateTime.class));

  /** An order's stall flag (KPI): since when and why. */
  public record StallFlag(long orderId, OffsetDateTime since, String reason) {}

  private final JdbcTemplate jdbc;

  Orders(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Order> find(long id) {
    return jdbc.query("select * from orders where id = ?", ROW, id).stream().findFirst();
  }

  public Optional<Order> findByExternalId(String externalId) {
    return jdbc.query("select * from orders where external_id = ?", ROW, externalId).stream().findFirst();
  }

  long insert(String externalId, long customerId, String bikeTitle, String sellerCountry, BigDecimal priceEur,
      boolean reserveRequired, boolean expertInspection, OffsetDateTime now) {
    var key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var insert = connection.prepareStatement("""
          insert into orders (external_id, customer_id, bike_title, seller_country, price_amount,
            reserve_required, expert_inspection, created_at, updated_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
      insert.setString(1, externalId);
      insert.setLong(2, customerId);
      insert.setString(3, bikeTitle);
      insert.setString(4, sellerCountry);
      insert.setBigDecimal(5, priceEur);
      insert.setBoolean(6, reserveRequired);
      insert.setBoolean(7, expertInspection);
      insert.setObject(8, now);
      insert.setObject(9, now);
      return insert;
    }, key);
    return key.getKey().longValue();
  }

  /** The order's status is the stage it entered last (in the engine transaction of the step). */
  @EventListener
  void on(StageEntered entered) {
    jdbc.update("update orders set status = ?, updated_at = ? where id = ?", entered.stage(), entered.at(),
        entered.orderId());
  }

  /** The first sales manager who takes one of its tasks becomes the order's manager. */
  public void assignManagerIfNone(long orderId, String managerId) {
    jdbc.update("update orders set manager_id = ? where id = ? and manager_id is null", managerId, orderId);
  }

  /** A contact on the order: last touchpoint, last manager contact (outbound) and the contact counters. */
  public void recordContact(long orderId, OffsetDateTime occurredAt, boolean inbound) {
    jdbc.update("""
        update orders set
          last_touchpoint_at = case when last_touchpoint_at is null or last_touchpoint_at < ? then ?
                                    else last_touchpoint_at end,
          last_manager_contact_at = case when ? = 0 then last_manager_contact_at
                                         when last_manager_contact_at is null or last_manager_contact_at < ? then ?
                                         else last_manager_contact_at end,
          manager_contacts = manager_contacts + ?, client_contacts = client_contacts + ?
        where id = ?""",
        occurredAt, occurredAt, inbound ? 0 : 1, occurredAt, occurredAt, inbound ? 0 : 1, inbound ? 1 : 0, orderId);
  }

  /** Sets exactly these stall flags: the given orders are stalled, every other flagged order is cleared. */
  public int replaceStallFlags(List<StallFlag> stalled) {
    Set<Long> stalledIds = new HashSet<>();
    List<Object[]> updates = new ArrayList<>();
    for (StallFlag flag : stalled) {
      stalledIds.add(flag.orderId());
      updates.add(new Object[] {flag.since(), flag.reason(), flag.orderId()});
    }
    jdbc.batchUpdate("update orders set is_stalled = true, stalled_since = ?, stall_reason = ? where id = ?", updates);
    List<Object[]> clears = jdbc.queryForList("select id from orders where is_stalled", Long.class).stream()
        .filter(id -> !stalledIds.contains(id)).map(id -> new Object[] {id}).toList();
    jdbc.batchUpdate("update orders set is_stalled = false, stalled_since = null, stall_reason = null where id = ?",
        clears);
    return clears.size();
  }

  /** Links the order to its process instance; false when it already runs in another one. */
  boolean attachProcess(long orderId, String processInstanceId) {
    return jdbc.update("update orders set process_instance_id = ? where id = ? and process_instance_id is null",
        processInstanceId, orderId) == 1
        || processInstanceId.equals(jdbc.queryForObject(
            "select process_instance_id from orders where id = ?", String.class, orderId));
  }
}
