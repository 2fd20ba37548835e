package com.cjmflow.customers;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.BatchInsert;

/**
 * Bulk import of customers and leads from another system (the legacy CRM backfill): JDBC batches, external ids kept
 * per source system so a rerun finds what it imported. Publishes no domain events: imported rows are history, not
 * news. Joins the caller's transaction.
 */
@Component
public class CustomerImport {

  /** A customer to create, with the external ids (in {@code system}) of every source record merged into it. */
  public record NewCustomer(String displayName, String tier, String email, String phone, OffsetDateTime createdAt,
      List<String> externalValues) {}

  /** A lead to create; {@code externalId} is unique over all leads. */
  public record NewLead(String externalId, Long customerId, String source, String status, String bikeInterest,
      Long convertedOrderId, OffsetDateTime createdAt) {}

  private record ExternalValue(String externalValue, long customerId) {}

  private record CustomerTier(long id, String tier) {}

  private record LeadId(String externalId, long id) {}

  private final JdbcClient jdbc;
  /** Only for the batches ({@link BatchInsert}; {@link JdbcClient} has none). */
  private final JdbcTemplate batch;

  CustomerImport(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /** External value → customer id of every customer known under {@code system}. */
  public Map<String, Long> customersOf(String system) {
    return map(jdbc.sql("""
        select external_value, customer_id from customer_external_ids where source_system = :system""")
        .param("system", system).query(ExternalValue.class).stream(), ExternalValue::externalValue,
        ExternalValue::customerId);
  }

  /** Customer id → tier of every customer known under {@code system}. */
  public Map<Long, String> tiersOf(String system) {
    return map(jdbc.sql("""
        select c.id, c.tier from customers c
        where exists (select 1 from customer_external_ids x where x.customer_id = c.id
                        and x.source_system = :system)""")
        .param("system", system).query(CustomerTier.class).stream(), CustomerTier::id, CustomerTier::tier);
  }

  /** Creates the customers with their external ids and contact channels; returns their ids in order. */
  public List<Long> insert(String system, List<NewCustomer> customers) {
    List<Object[]> rows = new ArrayList<>(customers.size());
    for (NewCustomer c : customers) {
      rows.add(new Object[] {c.displayName(), c.tier(), c.email(), c.phone(), c.createdAt(), c.createdAt()});
    }
    List<Long> ids = BatchInsert.returningIds(batch, """
        insert into customers (display_name, tier, email, phone, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?)""", rows);
    List<Object[]> external = new ArrayList<>();
    List<Object[]> channels = new ArrayList<>();
    for (int i = 0; i < customers.size(); i++) {
      NewCustomer c = customers.get(i);
      long id = ids.get(i);
      c.externalValues().forEach(value -> external.add(new Object[] {id, system, value}));
      if (c.phone() != null) {
        channels.add(new Object[] {id, "phone", c.phone(), true, c.createdAt()});
      }
      if (c.email() != null) {
        channels.add(new Object[] {id, "email", c.email(), c.phone() == null, c.createdAt()});
      }
    }
    addExternalIds(external);
    BatchInsert.rows(batch, """
        insert into crm_contact_channels (customer_id, channel, address, is_primary, created_at)
        values (?, ?, ?, ?, ?)""", channels);
    return ids;
  }

  /** Rows of (customer id, system, external value): more source records that are the same customer. */
  public void addExternalIds(List<Object[]> rows) {
    BatchInsert.rows(batch,
        "insert into customer_external_ids (customer_id, source_system, external_value) values (?, ?, ?)", rows);
  }

  /** External id → lead id of every lead whose external id starts with {@code prefix}. */
  public Map<String, Long> leadsWithPrefix(String prefix) {
    return map(jdbc.sql("select external_id, id from leads where external_id like :prefix")
        .param("prefix", prefix + "%").query(LeadId.class).stream(), LeadId::externalId, LeadId::id);
  }

  /** The rows as a map, read as they stream in (an import may know many); a later row wins. */
  private static <R, K, V> Map<K, V> map(Stream<R> rows, Function<R, K> key, Function<R, V> value) {
    Map<K, V> map = new HashMap<>();
    try (rows) {
      rows.forEach(row -> map.put(key.apply(row), value.apply(row)));
    }
    return map;
  }

  public List<Long> insertLeads(List<NewLead> leads) {
    List<Object[]> rows = new ArrayList<>(leads.size());
    for (NewLead l : leads) {
      rows.add(new Object[] {l.externalId(), l.customerId(), l.source(), l.status(), l.bikeInterest(),
          l.convertedOrderId(), l.createdAt()});
    }
    return BatchInsert.returningIds(batch, """
        insert into leads (external_id, customer_id, source, status, bike_interest, converted_order_id, created_at)
        values (?, ?, ?, ?, ?, ?, ?)""", rows);
  }

  /**
   * Rewrites customers imported before with what the source says of them now (name, tier; a phone or e-mail they
   * gain becomes a contact channel too).
   */
  public void update(List<Long> ids, List<NewCustomer> customers, OffsetDateTime now) {
    List<Object[]> rows = new ArrayList<>(customers.size());
    List<Object[]> channels = new ArrayList<>();
    for (int i = 0; i < customers.size(); i++) {
      NewCustomer c = customers.get(i);
      rows.add(new Object[] {c.displayName(), c.tier(), c.email(), c.phone(), now, ids.get(i)});
      if (c.phone() != null) {
        channels.add(new Object[] {ids.get(i), "phone", c.phone(), now, ids.get(i), "phone", c.phone()});
      }
      if (c.email() != null) {
        channels.add(new Object[] {ids.get(i), "email", c.email(), now, ids.get(i), "email", c.email()});
      }
    }
    BatchInsert.rows(batch, """
        update customers set display_name = ?, tier = ?, email = coalesce(?, email), phone = coalesce(?, phone),
          updated_at = ?
        where id = ?""", rows);
    BatchInsert.rows(batch, """
        insert into crm_contact_channels (customer_id, channel, address, is_primary, created_at)
        select ?, ?, ?, false, ? from (values (1)) one
        where not exists (select 1 from crm_contact_channels where customer_id = ? and channel = ? and address = ?)""",
        channels);
  }

  /** Updates leads imported before with what the source says now (status, source, customer, converted order). */
  public void updateLeads(List<Long> ids, List<NewLead> leads) {
    List<Object[]> rows = new ArrayList<>(leads.size());
    for (int i = 0; i < leads.size(); i++) {
      NewLead l = leads.get(i);
      rows.add(new Object[] {l.customerId(), l.source(), l.status(), l.bikeInterest(), l.convertedOrderId(),
          ids.get(i)});
    }
    BatchInsert.rows(batch, """
        update leads set customer_id = ?, source = ?, status = ?, bike_interest = ?, converted_order_id = ?
        where id = ?""", rows);
  }
}
