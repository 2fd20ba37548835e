package com.cjmflow.customers;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customer 360 (seed 000 §4): profile, preferences, channel map, ownership, orders, recent contacts, open
 * follow-ups, SLA breaches and the counters of {@code crm_customer_360_v}, read in one transaction.
 */
@Service
public class Customer360 {

  /** Lists of orders, follow-ups and breaches hold at most this many rows (newest first); counters hold totals. */
  public static final int LIST_LIMIT = 100;
  /** The newest touchpoints shown. */
  public static final int TOUCHPOINTS = 20;

  public record View(CustomerProfiles.Profile profile, List<CustomerPreferences.Preference> preferences,
      List<CustomerChannels.Channel> channels, Owner owner, List<CustomerOwners.OwnerLink> ownerHistory,
      List<OrderLine> orders, List<TouchpointLine> touchpoints, List<FollowupLine> openFollowups,
      SlaBreaches slaBreaches, Counters counters) {}

  /** The current owner; null in the view when nobody owns the customer. */
  public record Owner(String managerId, OffsetDateTime since) {}

  public record Money(BigDecimal amount, String currency) {}

  public record OrderLine(long id, String externalId, String status, String bikeTitle, Money price,
      OffsetDateTime createdAt) {}

  public record TouchpointLine(long id, Long orderId, String channel, String direction, String managerId,
      String subject, OffsetDateTime occurredAt, OffsetDateTime responseDueAt, OffsetDateTime respondedAt,
      boolean slaBreached) {}

  public record FollowupLine(long id, Long orderId, String subject, String managerId, OffsetDateTime dueAt) {}

  public record StageBreach(long orderId, String stage, OffsetDateTime breachedAt) {}

  public record TouchpointBreach(long touchpointId, OffsetDateTime breachedAt) {}

  public record SlaBreaches(List<StageBreach> stages, List<TouchpointBreach> touchpoints) {}

  public record Counters(long orders, long openOrders, long openFollowups, long slaBreaches, long inboundContacts,
      long outboundContacts, OffsetDateTime lastContactAt, String lastContactChannel) {}

  private final JdbcClient jdbc;
  private final CustomerProfiles profiles;
  private final CustomerPreferences preferences;
  private final CustomerChannels channels;
  private final CustomerOwners owners;
  private final CustomerActivity activity;

  Customer360(JdbcClient jdbc, CustomerProfiles profiles, CustomerPreferences preferences,
      CustomerChannels channels, CustomerOwners owners, CustomerActivity activity) {
    this.jdbc = jdbc;
    this.profiles = profiles;
    this.preferences = preferences;
    this.channels = channels;
    this.owners = owners;
    this.activity = activity;
  }

  /** Empty for an unknown customer. */
  @Transactional(readOnly = true)
  public Optional<View> find(long customerId) {
    return profiles.find(customerId).map(profile -> {
      List<CustomerOwners.OwnerLink> history = owners.history(customerId);
      Owner owner = history.stream().filter(link -> link.unassignedAt() == null).findFirst()
          .map(link -> new Owner(link.managerId(), link.assignedAt())).orElse(null);
      return new View(profile, preferences.list(customerId), channels.list(customerId), owner, history,
          activity.orders(customerId, LIST_LIMIT), activity.touchpoints(customerId, TOUCHPOINTS),
          activity.openFollowups(customerId, LIST_LIMIT),
          new SlaBreaches(activity.stageBreaches(customerId, LIST_LIMIT),
              activity.touchpointBreaches(customerId, LIST_LIMIT)),
          counters(customerId));
    });
  }

  private Counters counters(long customerId) {
    return jdbc.sql("""
        select orders, open_orders, open_followups, sla_breaches, inbound_contacts, outbound_contacts,
               last_contact_at, last_contact_channel
          from crm_customer_360_v where customer_id = :customerId""").param("customerId", customerId)
        .query(Counters.class).single();
  }
}
