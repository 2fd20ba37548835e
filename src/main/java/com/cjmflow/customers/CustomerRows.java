package com.cjmflow.customers;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.EngineClock;



/**
 * Existence checks, the row lock that serialises writes to one customer's details, and the customer's external ids
 * (the profile and the reference show them alike).
 */
@Component
class CustomerRows {

  private final JdbcClient jdbc;

  CustomerRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  static OffsetDateTime now() {
    return EngineClock.now();
  }

  /** 404 problem unless the customer exists. */
  void requireExisting(long customerId) {
    if (jdbc.sql("select id from customers where id = :id").param("id", customerId).query(Long.class).list()
        .isEmpty()) {
      throw new CustomerNotFound(customerId);
    }
  }

  /** Locks the customer row until the transaction ends (404 problem when there is none). */
  void lock(long customerId) {
    if (jdbc.sql("select id from customers where id = :id for update").param("id", customerId).query(Long.class)
        .list().isEmpty()) {
      throw new CustomerNotFound(customerId);
    }
  }

  /** The customer's ids in other systems, read into {@code type}, a record of {@code (system, value)}. */
  <T> List<T> externalIds(long customerId, Class<T> type) {
    return jdbc.sql("""
        select source_system as system, external_value as "value" from customer_external_ids
        where customer_id = :id order by source_system, external_value""").param("id", customerId).query(type)
        .list();
  }
}
