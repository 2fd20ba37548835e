package com.cjmflow.orderflow;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
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

  /** The columns of an {@link Order}, by the record's names. */
  private static final String ORDER = """
      select id, external_id, customer_id, status, bike_title, seller_country, price_amount as price_eur,
        reserve_required, expert_inspection, process_instance_id, manager_id, created_at from orders""";

  /** An order's stall flag (KPI): since when and why. */
  public record StallFlag(long orderId, OffsetDateTime since, String reason) {}

  private final JdbcClient jdbc;
  /** Only for the batches ({@link JdbcClient} has none). */
  private final JdbcTemplate batch;

  Orders(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  public Optional<Order> find(long id) {
    return jdbc.sql(ORDER + " where id = :id").param("id", id).query(Order.class).optional();
  }

  public Optional<Order> findByExternalId(String externalId) {
    return jdbc.sql(ORDER + " where external_id = :externalId").param("externalId", externalId).query(Order.class)
        .optional();
  }

  long insert(String externalId, long customerId, String bikeTitle, String sellerCountry, BigDecimal priceEur,
      boolean reserveRequired, boolean expertInspection, OffsetDateTime now) {
    var key = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into orders (external_id, customer_id, bike_title, seller_country, price_amount,
          reserve_required, expert_inspection, created_at, updated_at)
        values (:externalId, :customerId, :bikeTitle, :sellerCountry, :priceEur, :reserveRequired,
          :expertInspection, :now, :now)""")
        .param("externalId", externalId).param("customerId", customerId).param("bikeTitle", bikeTitle)
        .param("sellerCountry", sellerCountry).param("priceEur", priceEur).param("reserveRequired", reserveRequired)
        .param("expertInspection", expertInspection).param("now", now).update(key, "id");
    return key.getKey().longValue();
  }

  /** The order's status is the stage it entered last (in the engine transaction of the step). */
  @EventListener
  void on(StageEntered entered) {
    jdbc.sql("update orders set status = :status, updated_at = :at where id = :id").param("status", entered.stage())
        .param("at", entered.at()).param("id", entered.orderId()).update();
  }

  /** The first sales manager who takes one of its tasks becomes the order's manager. */
  public void assignManagerIfNone(long orderId, String managerId) {
    jdbc.sql("update orders set manager_id = :managerId where id = :id and manager_id is null")
        .param("managerId", managerId).param("id", orderId).update();
  }

  /** A contact on the order: last touchpoint, last manager contact (outbound) and the contact counters. */
  public void recordContact(long orderId, OffsetDateTime occurredAt, boolean inbound) {
    jdbc.sql("""
        update orders set
          last_touchpoint_at = case when last_touchpoint_at is null or last_touchpoint_at < :at then :at
                                    else last_touchpoint_at end,
          last_manager_contact_at = case when :outbound = 0 then last_manager_contact_at
                                         when last_manager_contact_at is null or last_manager_contact_at < :at
                                         then :at else last_manager_contact_at end,
          manager_contacts = manager_contacts + :outbound, client_contacts = client_contacts + :inbound
        where id = :id""")
        .param("at", occurredAt).param("outbound", inbound ? 0 : 1).param("inbound", inbound ? 1 : 0)
        .param("id", orderId).update();
  }

  /** Sets exactly these stall flags: the given orders are stalled, every other flagged order is cleared. */
  public int replaceStallFlags(List<StallFlag> stalled) {
    Set<Long> stalledIds = new HashSet<>();
    List<Object[]> updates = new ArrayList<>();
    for (StallFlag flag : stalled) {
      stalledIds.add(flag.orderId());
      updates.add(new Object[] {flag.since(), flag.reason(), flag.orderId()});
    }
    batch.batchUpdate("update orders set is_stalled = true, stalled_since = ?, stall_reason = ? where id = ?",
        updates);
    List<Object[]> clears = jdbc.sql("select id from orders where is_stalled").query(Long.class).list().stream()
        .filter(id -> !stalledIds.contains(id)).map(id -> new Object[] {id}).toList();
    batch.batchUpdate("update orders set is_stalled = false, stalled_since = null, stall_reason = null where id = ?",
        clears);
    return clears.size();
  }

  /** Links the order to its process instance; false when it already runs in another one. */
  boolean attachProcess(long orderId, String processInstanceId) {
    return jdbc.sql("update orders set process_instance_id = :processInstanceId where id = :id and "
        + "process_instance_id is null").param("processInstanceId", processInstanceId).param("id", orderId)
        .update() == 1
        || processInstanceId.equals(jdbc.sql("select process_instance_id from orders where id = :id")
            .param("id", orderId).query(String.class).optional().orElse(null));
  }
}
