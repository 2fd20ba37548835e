package com.cjmflow.interactions;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.cjmflow.platform.DomainException;
import com.cjmflow.platform.Page;
import com.cjmflow.touchpoints.Touchpoints;

/**
 * The Interaction &amp; Channels layer (seed 004 §2): every contact from any channel arrives as a normalised
 * {@link InteractionEvent} and is stored as a CRM touchpoint through {@link Touchpoints} (which keeps the contact
 * aggregates and the reply windows). The timeline reads all touchpoints, however they were recorded.
 */
@Service
public class Interactions {

  /** Touchpoint source for contacts that came in through this layer. */
  public static final String SOURCE = "interaction";

  /** A contact as the schema describes it (already validated); {@code complaintKind} marks a complaint. */
  public record InteractionEvent(long customerId, Long orderId, String channel, String direction, String subject,
      String body, OffsetDateTime occurredAt, String agent, String externalReference, String complaintKind) {}

  /** A stored contact with its reply window. */
  public record Interaction(long id, long customerId, Long orderId, String channel, String direction,
      String subject, String body, OffsetDateTime occurredAt, String agent, String externalReference,
      OffsetDateTime responseDueAt, OffsetDateTime respondedAt, boolean slaBreached, String complaintKind) {

    static Interaction of(Touchpoints.Touchpoint t) {
      return new Interaction(t.id(), t.customerId(), t.orderId(), t.channel(), t.direction(), t.subject(),
          t.summary(), t.occurredAt(), t.managerId(), t.externalReference(), t.responseDueAt(), t.respondedAt(),
          t.slaBreached(), t.complaintKind());
    }
  }

  /** The stored interaction; {@code created} is false when its external reference was stored before. */
  public record Received(Interaction interaction, boolean created) {}

  /** Timeline filters (null = any) and a 0-based page. */
  public record TimelineQuery(Long customerId, Long orderId, String managerId, String channel, OffsetDateTime from,
      OffsetDateTime to, int page, int size) {}

  public record Timeline(List<Interaction> items, int page, int size, long total) {}

  private final Touchpoints touchpoints;
  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;

  Interactions(Touchpoints touchpoints, JdbcClient jdbc, ApplicationEventPublisher events) {
    this.touchpoints = touchpoints;
    this.jdbc = jdbc;
    this.events = events;
  }

  /**
   * Stores the contact once per external reference and publishes {@link InteractionCreated} when it is new.
   * An unknown customer, an order that does not exist or is another customer's, or a contact in the future (beyond
   * five minutes of clock skew) is a rule violation (422). The touchpoint commits in its own transaction (so a
   * concurrent twin resolves to the stored one); the event is published after that commit.
   */
  public Received receive(InteractionEvent event) {
    if (event.occurredAt().isAfter(OffsetDateTime.now().plusMinutes(5))) {
      throw new DomainException.RuleViolation("occurredAt lies in the future");
    }
    if (jdbc.sql("select count(*) from customers where id = :id").param("id", event.customerId()).query(Long.class)
        .single() == 0) {
      throw new DomainException.RuleViolation("customer " + event.customerId() + " does not exist");
    }
    if (event.complaintKind() != null && event.orderId() == null) {
      throw new DomainException.RuleViolation("a complaint names the order it is about (orderId)");
    }
    if (event.orderId() != null) {
      List<Long> owner = jdbc.sql("select customer_id from orders where id = :id").param("id", event.orderId())
          .query(Long.class).list();
      if (owner.isEmpty()) {
        throw new DomainException.RuleViolation("order " + event.orderId() + " does not exist");
      }
      if (owner.get(0) != event.customerId()) {
        throw new DomainException.RuleViolation("order " + event.orderId() + " belongs to another customer");
      }
    }
    Touchpoints.Recorded recorded = touchpoints.record(new Touchpoints.NewTouchpoint(event.customerId(),
        event.orderId(), event.channel(), event.direction(), event.agent(), event.subject(), event.body(),
        event.occurredAt(), event.externalReference(), SOURCE, event.complaintKind()));
    Interaction interaction = Interaction.of(recorded.touchpoint());
    if (recorded.created()) {
      events.publishEvent(new InteractionCreated(interaction.id(), interaction.customerId(), interaction.orderId(),
          interaction.channel(), interaction.direction()));
    }
    return new Received(interaction, recorded.created());
  }

  public Optional<Interaction> find(long id) {
    return touchpoints.find(id).map(Interaction::of);
  }

  /** Newest first. */
  public Timeline timeline(TimelineQuery query) {
    Page<Touchpoints.Touchpoint> page = touchpoints.timeline(new Touchpoints.TimelineQuery(query.customerId(),
        query.orderId(), query.managerId(), query.channel(), query.from(), query.to(), query.page(), query.size()));
    return new Timeline(page.items().stream().map(Interaction::of).toList(), page.page(), page.size(),
        page.total());
  }
}
