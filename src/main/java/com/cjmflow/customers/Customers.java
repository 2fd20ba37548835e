package com.cjmflow.customers;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The customer register ({@code customers}); joins the caller's transaction. */
@Component
public class Customers {

  /** What a booking knows of its customer. At least one of e-mail and phone identifies them. */
  public record Contact(String name, String email, String phone, String tier) {}

  private final JdbcTemplate jdbc;
  private final ApplicationEventPublisher events;

  Customers(JdbcTemplate jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  public boolean exists(long customerId) {
    return jdbc.queryForObject("select count(*) from customers where id = ?", Long.class, customerId) > 0;
  }

  /** True when the customer is blacklisted (no new bookings). */
  public boolean isBlacklisted(long customerId) {
    return jdbc.queryForObject("select count(*) from customers where id = ? and blacklisted_at is not null",
        Long.class, customerId) > 0;
  }

  /**
   * Blacklists the customer and publishes {@link CustomerEvents.CustomerBlacklisted}; false (and nothing published)
   * when the customer is unknown or blacklisted already.
   */
  public boolean blacklist(long customerId, String reason, String source, OffsetDateTime at) {
    if (jdbc.update("update customers set blacklisted_at = ?, blacklist_reason = ?, updated_at = ? "
        + "where id = ? and blacklisted_at is null", at, reason, at, customerId) == 0) {
      return false;
    }
    events.publishEvent(new CustomerEvents.CustomerBlacklisted(customerId, reason, source, at));
    return true;
  }

  /** A contact with the customer: last contact (and its channel) and the inbound/outbound counters. */
  public void recordContact(long customerId, OffsetDateTime occurredAt, String channel, boolean inbound) {
    jdbc.update("""
        update customers set
          last_contact_at = case when last_contact_at is null or last_contact_at < ? then ? else last_contact_at end,
          last_contact_channel = case when last_contact_at is null or last_contact_at <= ? then ?
                                      else last_contact_channel end,
          inbound_contacts = inbound_contacts + ?, outbound_contacts = outbound_contacts + ?
        where id = ?""",
        occurredAt, occurredAt, occurredAt, channel, inbound ? 1 : 0, inbound ? 0 : 1, customerId);
  }

  /** The customer with this e-mail (else phone), created when there is none. */
  public long findOrCreate(Contact contact, OffsetDateTime now) {
    String email = contact.email() == null || contact.email().isBlank() ? null
        : contact.email().trim().toLowerCase(Locale.ROOT);
    String phone = contact.phone() == null || contact.phone().isBlank() ? null : contact.phone().trim();
    List<Long> found = email != null
        ? jdbc.queryForList("select id from customers where email = ? order by id", Long.class, email)
        : jdbc.queryForList("select id from customers where phone = ? order by id", Long.class, phone);
    if (!found.isEmpty()) {
      return found.get(0);
    }
    var key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var insert = connection.prepareStatement("""
          insert into customers (display_name, tier, email, phone, created_at, updated_at)
          values (?, ?, ?, ?, ?, ?)""", new String[] {"id"});
      insert.setString(1, contact.name().trim());
      insert.setString(2, contact.tier() == null ? "standard" : contact.tier());
      insert.setString(3, email);
      insert.setString(4, phone);
      insert.setObject(5, now);
      insert.setObject(6, now);
      return insert;
    }, key);
    long id = key.getKey().longValue();
    events.publishEvent(new CustomerEvents.CustomerCreated(id, contact.name().trim(), "person", "active",
        contact.tier() == null ? "standard" : contact.tier(), now));
    return id;
  }
}
