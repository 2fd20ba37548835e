package com.cjmflow.customers;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The customer register ({@code customers}); joins the caller's transaction. */
@Component
public class Customers {

  /** What a booking knows of its customer. At least one of e-mail and phone identifies them. */
  public record Contact(String name, String email, String phone, String tier) {}

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;

  Customers(JdbcClient jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  public boolean exists(long customerId) {
    return jdbc.sql("select count(*) from customers where id = :id").param("id", customerId).query(Long.class)
        .single() > 0;
  }

  /** True when the customer is blacklisted (no new bookings). */
  public boolean isBlacklisted(long customerId) {
    return jdbc.sql("select count(*) from customers where id = :id and blacklisted_at is not null")
        .param("id", customerId).query(Long.class).single() > 0;
  }

  /**
   * Blacklists the customer and publishes {@link CustomerEvents.CustomerBlacklisted}; false (and nothing published)
   * when the customer is unknown or blacklisted already.
   */
  public boolean blacklist(long customerId, String reason, String source, OffsetDateTime at) {
    if (jdbc.sql("""
        update customers set blacklisted_at = :at, blacklist_reason = :reason, updated_at = :at
        where id = :id and blacklisted_at is null""").param("at", at).param("reason", reason).param("id", customerId)
        .update() == 0) {
      return false;
    }
    events.publishEvent(new CustomerEvents.CustomerBlacklisted(customerId, reason, source, at));
    return true;
  }

  /** A contact with the customer: last contact (and its channel) and the inbound/outbound counters. */
  public void recordContact(long customerId, OffsetDateTime occurredAt, String channel, boolean inbound) {
    jdbc.sql("""
        update customers set
          last_contact_at = case when last_contact_at is null or last_contact_at < :at then :at
                                 else last_contact_at end,
          last_contact_channel = case when last_contact_at is null or last_contact_at <= :at then :channel
                                      else last_contact_channel end,
          inbound_contacts = inbound_contacts + :inbound, outbound_contacts = outbound_contacts + :outbound
        where id = :id""")
        .param("at", occurredAt).param("channel", channel).param("inbound", inbound ? 1 : 0)
        .param("outbound", inbound ? 0 : 1).param("id", customerId).update();
  }

  /** The customer with this e-mail (else phone), created when there is none. */
  public long findOrCreate(Contact contact, OffsetDateTime now) {
    String email = contact.email() == null || contact.email().isBlank() ? null
        : contact.email().trim().toLowerCase(Locale.ROOT);
    String phone = contact.phone() == null || contact.phone().isBlank() ? null : contact.phone().trim();
    List<Long> found = email != null
        ? jdbc.sql("select id from customers where email = :email order by id").param("email", email)
            .query(Long.class).list()
        : jdbc.sql("select id from customers where phone = :phone order by id").param("phone", phone)
            .query(Long.class).list();
    if (!found.isEmpty()) {
      return found.get(0);
    }
    var key = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into customers (display_name, tier, email, phone, created_at, updated_at)
        values (:name, :tier, :email, :phone, :now, :now)""")
        .param("name", contact.name().trim()).param("tier", contact.tier() == null ? "standard" : contact.tier())
        .param("email", email).param("phone", phone).param("now", now).update(key, "id");
    long id = key.getKey().longValue();
    events.publishEvent(new CustomerEvents.CustomerCreated(id, contact.name().trim(), "person", "active",
        contact.tier() == null ? "standard" : contact.tier(), now));
    return id;
  }
}
