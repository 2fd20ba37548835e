package com.cjmflow.orderflow;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.BatchInsert;
import com.cjmflow.platform.RecordRowMapper;

/**
 * Bulk import of orders from another system (the legacy CRM backfill; their cases go through
 * {@code cases.CaseImport}): JDBC batches, no process and no domain events (imported rows are history). In-flight orders get their
 * process from {@link OrderResumption}. Joins the caller's transaction.
 */
@Component
public class OrderImport {

  /** An order as it stood in the source system; {@code status} is its current stage. */
  public record NewOrder(String externalId, long customerId, String status, String bikeTitle, String sellerCountry,
      BigDecimal priceEur, boolean reserveRequired, boolean expertInspection, String managerId,
      OffsetDateTime createdAt, OffsetDateTime updatedAt) {}

  private final JdbcTemplate jdbc;

  OrderImport(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** External id → order id of every order whose external id starts with {@code prefix}. */
  public Map<String, Long> ordersWithPrefix(String prefix) {
    record Known(String externalId, long id) {}
    Map<String, Long> ids = new HashMap<>();
    jdbc.query("select external_id, id from orders where external_id like ?", RecordRowMapper.of(Known.class),
        prefix + "%").forEach(known -> ids.put(known.externalId(), known.id()));
    return ids;
  }

  public List<Long> insert(List<NewOrder> orders) {
    List<Object[]> rows = new ArrayList<>(orders.size());
    for (NewOrder o : orders) {
      rows.add(new Object[] {o.externalId(), o.customerId(), o.status(), o.bikeTitle(), o.sellerCountry(),
          o.priceEur(), o.reserveRequired(), o.expertInspection(), o.managerId(), o.createdAt(), o.updatedAt()});
    }
    return BatchInsert.returningIds(jdbc, """
        insert into orders (external_id, customer_id, status, bike_title, seller_country, price_amount,
          reserve_required, expert_inspection, manager_id, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
  }

  /**
   * Updates orders imported before with what the source says now (the status moves separately, with its history):
   * bike, seller country, price, the reserve and inspection flags, the manager (kept when the source names none).
   */
  public void update(List<Long> ids, List<NewOrder> orders) {
    List<Object[]> rows = new ArrayList<>(orders.size());
    for (int i = 0; i < orders.size(); i++) {
      NewOrder o = orders.get(i);
      rows.add(new Object[] {o.bikeTitle(), o.sellerCountry(), o.priceEur(), o.reserveRequired(),
          o.expertInspection(), o.managerId(), o.updatedAt(), ids.get(i)});
    }
    BatchInsert.rows(jdbc, """
        update orders set bike_title = ?, seller_country = ?, price_amount = ?, reserve_required = ?,
          expert_inspection = ?, manager_id = coalesce(?, manager_id), updated_at = ?
        where id = ?""", rows);
  }

  /** Rows of (status, order id): orders the source moved on, their history appended by the caller. */
  public void setStatuses(List<Object[]> rows) {
    BatchInsert.rows(jdbc, "update orders set status = ? where id = ?", rows);
  }

  /** Unlinks orders from the processes that ran them (a new instance follows). */
  void detachProcesses(List<Long> orderIds) {
    List<Object[]> rows = new ArrayList<>();
    orderIds.forEach(id -> rows.add(new Object[] {id}));
    BatchInsert.rows(jdbc, "update orders set process_instance_id = null where id = ?", rows);
  }

  /** Links imported orders to the process instances now running them: rows of (process instance id, order id). */
  void attachProcesses(List<Object[]> rows) {
    BatchInsert.rows(jdbc, "update orders set process_instance_id = ? where id = ? and process_instance_id is null",
        rows);
  }
}
