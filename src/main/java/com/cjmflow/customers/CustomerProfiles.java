package com.cjmflow.customers;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.cjmflow.platform.DomainException;


/**
 * Customer profiles ({@code customers}) with their identifiers in other systems ({@code customer_external_ids}).
 * E-mails are stored trimmed and lower-case, as the booking looks customers up by them.
 */
@Service
public class CustomerProfiles {

  /** An identifier of the customer in another system, e.g. {@code site} or {@code sap}. */
  public record ExternalId(String system, String value) {}

  public record Profile(long id, String displayName, String type, String status, String tier, String email,
      String phone, OffsetDateTime createdAt, OffsetDateTime updatedAt, List<ExternalId> externalIds) {}

  /** A customer to create; type, status and tier default to person, active and standard. */
  public record NewCustomer(String displayName, String type, String status, String tier, String email, String phone,
      List<ExternalId> externalIds) {}

  /** A partial update: null leaves a field as it is; an empty e-mail or phone clears it. */
  public record Changes(String displayName, String type, String status, String tier, String email, String phone) {}

  private final JdbcTemplate jdbc;
  private final CustomerRows rows;
  private final ApplicationEventPublisher events;

  CustomerProfiles(JdbcTemplate jdbc, CustomerRows rows, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.rows = rows;
    this.events = events;
  }

  /** Creates the customer and its external ids; 409 problem when an external id belongs to someone already. */
  @Transactional
  public Profile create(NewCustomer customer) {
    List<ExternalId> externalIds = customer.externalIds() == null ? List.of()
        : customer.externalIds().stream().map(CustomerProfiles::normalized).distinct().toList();
    for (ExternalId externalId : externalIds) {
      if (!jdbc.queryForList("select customer_id from customer_external_ids where source_system = ? "
          + "and external_value = ?", Long.class, externalId.system(), externalId.value()).isEmpty()) {
        throw taken(externalId);
      }
    }
    OffsetDateTime now = CustomerRows.now();
    var key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var insert = connection.prepareStatement("""
          insert into customers (display_name, type, status, tier, email, phone, created_at, updated_at)
          values (?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
      insert.setString(1, customer.displayName().trim());
      insert.setString(2, customer.type() == null ? "person" : customer.type());
      insert.setString(3, customer.status() == null ? "active" : customer.status());
      insert.setString(4, customer.tier() == null ? "standard" : customer.tier());
      insert.setString(5, email(customer.email()));
      insert.setString(6, blankToNull(customer.phone()));
      insert.setObject(7, now);
      insert.setObject(8, now);
      return insert;
    }, key);
    long id = key.getKey().longValue();
    for (ExternalId externalId : externalIds) {
      try {
        jdbc.update("insert into customer_external_ids (customer_id, source_system, external_value) values (?, ?, ?)",
            id, externalId.system(), externalId.value());
      } catch (DuplicateKeyException concurrent) {
        throw taken(externalId);
      }
    }
    Profile created = find(id).orElseThrow();
    events.publishEvent(new CustomerEvents.CustomerCreated(id, created.displayName(), created.type(),
        created.status(), created.tier(), now));
    return created;
  }

  /** The profile with its external ids. */
  public Optional<Profile> find(long id) {
    List<ExternalId> externalIds = jdbc.query("""
        select source_system, external_value from customer_external_ids where customer_id = ?
        order by source_system, external_value""",
        (rs, i) -> new ExternalId(rs.getString("source_system"), rs.getString("external_value")), id);
    return jdbc.query("select * from customers where id = ?", (rs, i) -> new Profile(rs.getLong("id"),
        rs.getString("display_name"), rs.getString("type"), rs.getString("status"), rs.getString("tier"),
        rs.getString("email"), rs.getString("phone"), rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("updated_at", OffsetDateTime.class), externalIds), id).stream().findFirst();
  }

  /** Applies the fields that are present; 404 problem for an unknown customer. */
  @Transactional
  public Profile update(long id, Changes changes) {
    rows.lock(id);
    String statusBefore = jdbc.queryForObject("select status from customers where id = ?", String.class, id);
    List<String> sets = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    set(sets, args, "display_name", changes.displayName() == null ? null : changes.displayName().trim());
    set(sets, args, "type", changes.type());
    set(sets, args, "status", changes.status());
    set(sets, args, "tier", changes.tier());
    if (changes.email() != null) {
      sets.add("email = ?");
      args.add(email(changes.email()));
    }
    if (changes.phone() != null) {
      sets.add("phone = ?");
      args.add(blankToNull(changes.phone()));
    }
    if (!sets.isEmpty()) {
      args.add(CustomerRows.now());
      args.add(id);
      jdbc.update("update customers set " + String.join(", ", sets) + ", updated_at = ? where id = ?",
          args.toArray());
    }
    Profile updated = find(id).orElseThrow();
    if (!updated.status().equals(statusBefore)) {
      events.publishEvent(new CustomerEvents.CustomerStatusChanged(id, statusBefore, updated.status(),
          updated.updatedAt()));
    }
    return updated;
  }

  private static void set(List<String> sets, List<Object> args, String column, String value) {
    if (value != null) {
      sets.add(column + " = ?");
      args.add(value);
    }
  }

  private static ExternalId normalized(ExternalId externalId) {
    return new ExternalId(externalId.system().trim().toLowerCase(Locale.ROOT), externalId.value().trim());
  }

  private static RuntimeException taken(ExternalId externalId) {
    return new DomainException.StateConflict("External id " + externalId.system() + ":" + externalId.value()
        + " belongs to another customer");
  }

  private static String email(String email) {
    String value = blankToNull(email);
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
