package com.cjmflow.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.cjmflow.platform.AsSystem;
import com.cjmflow.platform.DomainException;
import com.cjmflow.platform.Page;
import com.cjmflow.platform.PagedQuery;

/**
 * Events from outside, once per (source, id): a known type is applied by its {@link InboundEventHandler} in the
 * transaction that records it; an unknown type is stored as {@code unknown} (reported, not lost); a rule violation is
 * stored as {@code rejected} with the reason and answered with the facade's problem. A duplicate delivery changes
 * nothing and answers what the first one did. Owns {@code crm_inbound_events}.
 */
@Service
public class InboundEvents {

  public static final String APPLIED = "applied";
  public static final String UNKNOWN = "unknown";
  public static final String REJECTED = "rejected";

  /** What became of an event; {@code duplicate} is true when it had been received before. */
  public record Receipt(long receiptId, String id, String source, String type, String subject, String status,
      String outcome, String channel, OffsetDateTime receivedAt, boolean duplicate) {}

  public record ReceiptPage(List<Receipt> items, int page, int size, long total) {}

  /** The columns read into {@link Receipt} by name; a stored receipt is no duplicate until it is received again. */
  private static final String SELECT = """
      select id as receipt_id, event_id as id, source, event_type as type, subject, status, outcome, channel,
             received_at, false as duplicate""";

  private final Map<String, InboundEventHandler> handlers;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final AsSystem asSystem;

  InboundEvents(List<InboundEventHandler> handlers, JdbcClient jdbc, TransactionTemplate transaction,
      AsSystem asSystem) {
    this.handlers = handlers.stream().collect(Collectors.toMap(InboundEventHandler::type, Function.identity()));
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.asSystem = asSystem;
  }

  /** The types an anti-corruption handler exists for. */
  public java.util.Set<String> knownTypes() {
    return new java.util.TreeSet<>(handlers.keySet());
  }

  public Receipt receive(InboundEvent event, String channel) {
    Optional<Receipt> known = find(event.source(), event.id());
    if (known.isPresent()) {
      return duplicate(known.get());
    }
    InboundEventHandler handler = handlers.get(event.type());
    try {
      return transaction.execute(status -> {
        long receiptId = insert(event, handler == null ? UNKNOWN : APPLIED, channel,
            handler == null ? "no handler for type " + event.type() : null);
        if (handler != null) {
          String outcome = asSystem.call(() -> handler.apply(event));
          jdbc.sql("update crm_inbound_events set outcome = :outcome where id = :id")
              .param("outcome", clip(outcome)).param("id", receiptId).update();
        }
        return find(event.source(), event.id()).orElseThrow();
      });
    } catch (DuplicateKeyException concurrentTwin) {
      return duplicate(find(event.source(), event.id()).orElseThrow(() -> concurrentTwin));
    } catch (DomainException violation) {
      if (violation.status().value() == 400) {
        throw violation;
      }
      try {
        transaction.executeWithoutResult(status -> insert(event, REJECTED, channel, violation.getMessage()));
      } catch (DuplicateKeyException concurrentTwin) {
        return duplicate(find(event.source(), event.id()).orElseThrow(() -> concurrentTwin));
      }
      throw new Rejected(violation);
    }
  }

  public Optional<Receipt> find(String source, String id) {
    return jdbc.sql(SELECT + " from crm_inbound_events where source = :source and event_id = :id")
        .param("source", source).param("id", id).query(Receipt.class).optional();
  }

  /** Received events, newest first, optionally of one status (e.g. the unknown ones to report) or type. */
  public ReceiptPage list(String status, String type, int page, int size) {
    Page<Receipt> receipts = PagedQuery.from("from crm_inbound_events").whereIf(status, "status = ?")
        .whereIf(type, "event_type = ?")
        .page(jdbc, SELECT, "received_at desc, id desc", Receipt.class, page, size);
    return new ReceiptPage(receipts.items(), receipts.page(), receipts.size(), receipts.total());
  }

  private long insert(InboundEvent event, String status, String channel, String outcome) {
    var key = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into crm_inbound_events (event_id, source, event_type, subject, event_time, data, status, outcome,
          channel, received_at)
        values (:id, :source, :type, :subject, :time, :data, :status, :outcome, :channel, :receivedAt)""")
        .param("id", event.id()).param("source", event.source()).param("type", event.type())
        .param("subject", event.subject()).param("time", event.time())
        .param("data", event.data() == null ? null : clip(event.data().toString(), 20000)).param("status", status)
        .param("outcome", clip(outcome)).param("channel", channel)
        .param("receivedAt", OffsetDateTime.now(ZoneOffset.UTC)).update(key, "id");
    return key.getKey().longValue();
  }

  private static Receipt duplicate(Receipt r) {
    return new Receipt(r.receiptId(), r.id(), r.source(), r.type(), r.subject(), r.status(), r.outcome(),
        r.channel(), r.receivedAt(), true);
  }

  private static String clip(String text) {
    return clip(text, 2000);
  }

  private static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  /** A rule violation of an inbound event, stored as rejected: the handler's problem plus {@code eventStatus}. */
  static final class Rejected extends DomainException {
    Rejected(DomainException violation) {
      super(violation.status(), violation.problemType(), violation.getMessage());
      property("eventStatus", REJECTED);
    }
  }
}
