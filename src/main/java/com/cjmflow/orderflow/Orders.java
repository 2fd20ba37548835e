package com.cjmflow.orderflow;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The {@code orders} table; joins the caller's transaction. */
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

  /** Links the order to its process instance; false when it already runs in another one. */
  boolean attachProcess(long orderId, String processInstanceId) {
    return jdbc.update("update orders set process_instance_id = ? where id = ? and process_instance_id is null",
        processInstanceId, orderId) == 1
        || processInstanceId.equals(jdbc.queryForObject(
            "select process_instance_id from orders where id = ?", String.class, orderId));
  }
}
