package com.cjmflow.touchpoints;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.cjmflow.customers.Customers;
import com.cjmflow.orderflow.Orders;
import com.cjmflow.platform.DomainException;
import com.cjmflow.platform.Page;
import com.cjmflow.platform.PagedQuery;

/**
 * Every contact with a client ({@code crm_touchpoints}). Recording one updates the customer's and the order's contact
 * aggregates in the same transaction (seed 000 §7); an inbound one opens a reply window, an outbound one on the same
 * order (or customer) closes the open ones.
 */
@Service
public class Touchpoints {

  public static final String INBOUND = "inbound";
  public static final String OUTBOUND = "outbound";

  /**
   * A contact to record. {@code externalReference} makes recording idempotent; {@code source} is api|interaction;
   * {@code complaintKind} marks an inbound contact as a complaint asking for a case of that kind (null: none).
   */
  public record NewTouchpoint(long customerId, Long orderId, String channel, String direction, String managerId,
      String subject, String summary, OffsetDateTime occurredAt, String externalReference, String source,
      String complaintKind) {

    /** A contact that is no complaint. */
    public NewTouchpoint(long customerId, Long orderId, String channel, String direction, String managerId,
        String subject, String summary, OffsetDateTime occurredAt, String externalReference, String source) {
      this(customerId, orderId, channel, direction, managerId, subject, summary, occurredAt, externalReference,
          source, null);
    }
  }

  public record Touchpoint(long id, long customerId, Long orderId, String channel, String direction,
      String managerId, String subject, String summary, OffsetDateTime occurredAt, OffsetDateTime responseDueAt,
      OffsetDateTime respondedAt, boolean slaBreached, OffsetDateTime slaBreachedAt, String externalReference,
      String source, String complaintKind) {}

  /** The stored touchpoint; {@code created} is false when its external reference was recorded before. */
  public record Recorded(Touchpoint touchpoint, boolean created) {}

  /** A timeline page: filters are optional (null), page is 0-based. */
  public record TimelineQuery(Long customerId, Long orderId, String managerId, String channel, OffsetDateTime from,
      OffsetDateTime to, int page, int size) {}

  /** The row read into {@link Touchpoint} by name ({@code is_sla_breached} is its {@code slaBreached}). */
  private static final String SELECT = "select t.*, t.is_sla_breached as sla_breached";

  private final JdbcClient jdbc;
  private final ReplyWindows replyWindows;
  private final TransactionTemplate transaction;
  private final Customers customers;
  private final Orders orders;
  private final ApplicationEventPublisher events;

  Touchpoints(JdbcClient jdbc, ReplyWindows replyWindows, TransactionTemplate transaction, Customers customers,
      Orders orders, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.replyWindows = replyWindows;
    this.transaction = transaction;
    this.customers = customers;
    this.orders = orders;
    this.events = events;
  }

  /**
   * Records a touchpoint with its aggregates and reply window in one transaction. A concurrent twin with the same
   * external reference loses on the unique key; its transaction rolls back and it answers with the stored one. A
   * complaint ({@code complaintKind}) must be inbound (422); it publishes {@link TouchpointEvents.ComplaintReceived}
   * in the same transaction, so what its listeners refuse is not recorded either.
   */
  public Recorded record(NewTouchpoint touchpoint) {
    if (touchpoint.complaintKind() != null && !INBOUND.equals(touchpoint.direction())) {
      throw new DomainException.RuleViolation("Only an inbound contact can be a complaint");
    }
    try {
      return transaction.execute(status -> findByExternalReference(touchpoint.externalReference())
          .map(known -> new Recorded(known, false))
          .orElseGet(() -> recordNew(touchpoint)));
    } catch (DuplicateKeyException concurrent) {
      return new Recorded(findByExternalReference(touchpoint.externalReference()).orElseThrow(() -> concurrent), false);
    }
  }

  private Recorded recordNew(NewTouchpoint touchpoint) {
    long id = insert(touchpoint);
    updateAggregates(touchpoint);
    events.publishEvent(new TouchpointEvents.TouchpointRecorded(id, touchpoint.customerId(), touchpoint.orderId(),
        touchpoint.channel(), touchpoint.direction(), touchpoint.managerId(), touchpoint.subject(),
        touchpoint.occurredAt(), touchpoint.source() == null ? "api" : touchpoint.source()));
    if (INBOUND.equals(touchpoint.direction())) {
      replyWindows.open(id, touchpoint);
    } else {
      replyWindows.closeWith(id, touchpoint);
    }
    events.publishEvent(new TouchpointRecorded(id, touchpoint.customerId(), touchpoint.orderId(),
        touchpoint.channel(), touchpoint.direction(), touchpoint.managerId(), touchpoint.subject(),
        touchpoint.occurredAt())); // the manager's activity
    if (touchpoint.complaintKind() != null) {
      events.publishEvent(new TouchpointEvents.ComplaintReceived(id, touchpoint.customerId(), touchpoint.orderId(),
          touchpoint.complaintKind(), touchpoint.subject(), touchpoint.summary(), touchpoint.occurredAt()));
    }
    return new Recorded(find(id).orElseThrow(), true);
  }

  public Optional<Touchpoint> find(long id) {
    return jdbc.sql(SELECT + " from crm_touchpoints t where id = ?").param(id).query(Touchpoint.class).optional();
  }

  /** Newest first. */
  public Page<Touchpoint> timeline(TimelineQuery query) {
    PagedQuery paged = PagedQuery.from("from crm_touchpoints t").whereIf(query.customerId(), "customer_id = ?")
        .whereIf(query.orderId(), "order_id = ?").whereIf(query.channel(), "channel = ?")
        .whereIf(query.from(), "occurred_at >= ?").whereIf(query.to(), "occurred_at < ?");
    if (query.managerId() != null) {
      // the manager who made the contact, or the manager of the order it is about
      paged = paged.where("(manager_id = ? or order_id in (select id from orders where manager_id = ?))",
          query.managerId(), query.managerId());
    }
    return paged.page(jdbc, SELECT, "occurred_at desc, id desc", Touchpoint.class, query.page(), query.size());
  }

  /** An order's newest {@code size} touchpoints, newest first, as {@link #timeline} pages them, without a count. */
  public List<Touchpoint> latestOfOrder(long orderId, int size) {
    return PagedQuery.from("from crm_touchpoints t").where("order_id = ?", orderId)
        .first(jdbc, SELECT, "occurred_at desc, id desc", Touchpoint.class, size);
  }

  private Optional<Touchpoint> findByExternalReference(String reference) {
    if (reference == null) {
      return Optional.empty();
    }
    return jdbc.sql(SELECT + " from crm_touchpoints t where external_reference = ?").param(reference)
        .query(Touchpoint.class).optional();
  }

  private long insert(NewTouchpoint t) {
    var key = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into crm_touchpoints (customer_id, order_id, channel, direction, manager_id, subject, summary,
          occurred_at, external_reference, source, complaint_kind, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, current_timestamp)""")
        .params(t.customerId(), t.orderId(), t.channel(), t.direction(), t.managerId(), t.subject(), t.summary(),
            t.occurredAt(), t.externalReference(), t.source() == null ? "api" : t.source(), t.complaintKind())
        .update(key, "id");
    return key.getKey().longValue();
  }

  private void updateAggregates(NewTouchpoint t) {
    boolean inbound = INBOUND.equals(t.direction());
    customers.recordContact(t.customerId(), t.occurredAt(), t.channel(), inbound);
    if (t.orderId() != null) {
      orders.recordContact(t.orderId(), t.occurredAt(), inbound);
    }
  }
}
