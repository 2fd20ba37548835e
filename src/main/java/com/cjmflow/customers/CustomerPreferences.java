package com.cjmflow.customers;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A customer's preferences and constraints ({@code customer_preferences}), one value per key. */
@Service
public class CustomerPreferences {

  /** {@code kind} is preference or constraint. */
  public record Preference(String key, String value, String kind, OffsetDateTime updatedAt) {}

  static final RowMapper<Preference> ROW = (rs, i) -> new Preference(rs.getString("pref_key"),
      rs.getString("pref_value"), rs.getString("kind"), rs.getObject("updated_at", OffsetDateTime.class));

  private final JdbcTemplate jdbc;
  private final CustomerRows rows;

  CustomerPreferences(JdbcTemplate jdbc, CustomerRows rows) {
    this.jdbc = jdbc;
    this.rows = rows;
  }

  /** Sets (creates or replaces) the value of a key; 404 problem for an unknown customer. */
  @Transactional
  public Preference set(long customerId, String key, String value, String kind) {
    rows.lock(customerId);
    OffsetDateTime now = CustomerRows.now();
    int updated = jdbc.update("""
        update customer_preferences set pref_value = ?, kind = ?, updated_at = ?
         where customer_id = ? and pref_key = ?""", value, kind, now, customerId, key);
    if (updated == 0) {
      jdbc.update("""
          insert into customer_preferences (customer_id, pref_key, pref_value, kind, updated_at)
          values (?, ?, ?, ?, ?)""", customerId, key, value, kind, now);
    }
    return jdbc.queryForObject("select * from customer_preferences where customer_id = ? and pref_key = ?", ROW,
        customerId, key);
  }

  /** Ordered by key. */
  public List<Preference> list(long customerId) {
    return jdbc.query("select * from customer_preferences where customer_id = ? order by pref_key", ROW,
        customerId);
  }
}
