package com.cjmflow.customers;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
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

  /** A row of {@code customers}; {@link #profile} adds the external ids. */
  private record ProfileRow(long id, String displayName, String type, String status, String tier, String email,
      String phone, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    Profile profile(List<ExternalId> externalIds) {
      return new Profile(id, displayName, type, status, tier, email, phone, createdAt, updatedAt, externalIds);
    }
  }

  private final JdbcClient jdbc;
  private final CustomerRows rows;
  private final ApplicationEventPublisher events;

  CustomerProfiles(JdbcClient jdbc, CustomerRows rows, ApplicationEventPublisher events) {
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
      if (!jdbc.sql("""
          select customer_id from customer_external_ids where source_system = :system and external_value = :value""")
          .param("system", externalId.system()).param("value", externalId.value()).query(Long.class).list()
          .isEmpty()) {
        throw taken(externalId);
      }
    }
    OffsetDateTime now = CustomerRows.now();
    var key = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into customers (display_name, type, status, tier, email, phone, created_at, updated_at)
        values (:displayName, :type, :status, :tier, :email, :phone, :now, :now)""")
        .param("displayName", customer.displayName().trim())
        .param("type", customer.type() == null ? "person" : customer.type())
        .param("status", customer.status() == null ? "active" : customer.status())
        .param("tier", customer.tier() == null ? "standard" : customer.tier())
        .param("email", email(customer.email())).param("phone", blankToNull(customer.phone())).param("now", now)
        .update(key, "id");
    long id = key.getKey().longValue();
    for (ExternalId externalId : externalIds) {
      try {
        jdbc.sql("""
            insert into customer_external_ids (customer_id, source_system, external_value)
            values (:id, :system, :value)""")
            .param("id", id).param("system", externalId.system()).param("value", externalId.value()).update();
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
    List<ExternalId> externalIds = rows.externalIds(id, ExternalId.class);
    return jdbc.sql("select * from customers where id = :id").param("id", id).query(ProfileRow.class).optional()
        .map(row -> row.profile(externalIds));
  }

  /** Applies the fields that are present; 404 problem for an unknown customer. */
  @Transactional
  public Profile update(long id, Changes changes) {
    rows.lock(id);
    String statusBefore = jdbc.sql("select status from customers where id = :id").param("id", id)
        .query(String.class).single();
    Map<String, Object> sets = new LinkedHashMap<>();
    set(sets, "display_name", changes.displayName() == null ? null : changes.displayName().trim());
    set(sets, "type", changes.type());
    set(sets, "status", changes.status());
    set(sets, "tier", changes.tier());
    if (changes.email() != null) {
      sets.put("email", email(changes.email()));
    }
    if (changes.phone() != null) {
      sets.put("phone", blankToNull(changes.phone()));
    }
    if (!sets.isEmpty()) {
      String assignments = sets.keySet().stream().map(column -> column + " = :" + column)
          .collect(Collectors.joining(", "));
      jdbc.sql("update customers set " + assignments + ", updated_at = :updatedAt where id = :id")
          .params(sets).param("updatedAt", CustomerRows.now()).param("id", id).update();
    }
    Profile updated = find(id).orElseThrow();
    if (!updated.status().equals(statusBefore)) {
      events.publishEvent(new CustomerEvents.CustomerStatusChanged(id, statusBefore, updated.status(),
          updated.updatedAt()));
    }
    return updated;
  }

  private static void set(Map<String, Object> sets, String column, String value) {
    if (value != null) {
      sets.put(column, value);
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
