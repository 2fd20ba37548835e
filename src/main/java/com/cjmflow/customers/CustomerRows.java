package com.cjmflow.customers;

import java.time.OffsetDateTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.EngineClock;



/** Existence checks and the row lock that serialises writes to one customer's details. */
@Component
class CustomerRows {

  private final JdbcTemplate jdbc;

  CustomerRows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  static OffsetDateTime now() {
    return EngineClock.now();
  }

  /** 404 problem unless the customer exists. */
  void requireExisting(long customerId) {
    if (jdbc.queryForList("select id from customers where id = ?", Long.class, customerId).isEmpty()) {
      throw new CustomerNotFound(customerId);
    }
  }

  /** Locks the customer row until the transaction ends (404 problem when there is none). */
  void lock(long customerId) {
    if (jdbc.queryForList("select id from customers where id = ? for update", Long.class, customerId).isEmpty()) {
      throw new CustomerNotFound(customerId);
    }
  }
}
