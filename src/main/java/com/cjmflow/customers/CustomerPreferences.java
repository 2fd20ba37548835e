package com.cjmflow.customers;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A customer's preferences and constraints ({@code customer_preferences}), one value per key. */
@Service
public class CustomerPreferences {

  /** {@code kind} is preference or constraint. */
  public record Preference(String key, String value, String kind, OffsetDateTime updatedAt) {}

  /** The columns read into {@link Preference} by name. */
  private static final String SELECT = "select pref_key as \"key\", pref_value as \"value\", kind, updated_at";

  private final JdbcClient jdbc;
  private final CustomerRows rows;

  CustomerPreferences(JdbcClient jdbc, CustomerRows rows) {
    this.jdbc = jdbc;
    this.rows = rows;
  }

  /** Sets (creates or replaces) the value of a key; 404 problem for an unknown customer. */
  @Transactional
  public Preference set(long customerId, String key, String value, String kind) {
    rows.lock(customerId);
    OffsetDateTime now = CustomerRows.now();
    int updated = jdbc.sql("""
        update customer_preferences set pref_value = ?, kind = ?, updated_at = ?
         where customer_id = ? and pref_key = ?""").params(value, kind, now, customerId, key).update();
    if (updated == 0) {
      jdbc.sql("""
          insert into customer_preferences (customer_id, pref_key, pref_value, kind, updated_at)
          values (?, ?, ?, ?, ?)""").params(customerId, key, value, kind, now).update();
    }
    return jdbc.sql(SELECT + " from customer_preferences where customer_id = ? and pref_key = ?")
        .params(customerId, key).query(Preference.class).single();
  }

  /** Ordered by key. */
  public List<Preference> list(long customerId) {
    return jdbc.sql(SELECT + " from customer_preferences where customer_id = ? order by pref_key")
        .param(customerId).query(Preference.class).list();
  }
}
