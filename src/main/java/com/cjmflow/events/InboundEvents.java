package com.cjmflow.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.cjmflow.platform.AsSystem;
import com.cjmflow.platform.DomainException;

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

  private static final RowMapper<Receipt> ROW = (rs, i) -> new Receipt(rs.getLong("id"), rs.getString("event_id"),
      rs.getString("source"), rs.getString("event_type"), rs.getString("subject"), rs.getString("status"),
      rs.getString("outcome"), rs.getString("channel"), rs.getObject("received_at", OffsetDateTime.class), false);

  private final Map<String, InboundEventHandler> handlers;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final AsSystem asSystem;

  InboundEvents(List<InboundEventHandler> handlers, JdbcTemplate jdbc, TransactionTemplate transaction,
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
          jdbc.update("update crm_inbound_events set outcome = ? where id = ?", clip(outcome), receiptId);
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
    return jdbc.query("select * from crm_inbound_events where source = ? and event_id = ?", ROW, source, id)
        .stream().findFirst();
  }

  /** Received events, newest first, optionally of one status (e.g. the unknown ones to report) or type. */
  public ReceiptPage list(String status, String type, int page, int size) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    List<Object> args = new ArrayList<>();
    if (status != null) {
      where.append(" and status = ?");
      args.add(status);
    }
    if (type != null) {
      where.append(" and event_type = ?");
      args.add(type);
    }
    long total = jdbc.queryForObject("select count(*) from crm_inbound_events" + where, Long.class, args.toArray());
    args.add((long) page * size);
    args.add(size);
    return new ReceiptPage(jdbc.query("select * from crm_inbound_events" + where
        + " order by received_at desc, id desc offset ? rows fetch next ? rows only", ROW, args.toArray()), page,
        size, total);
  }

  private long insert(InboundEvent event, String status, String channel, String outcome) {
    var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.update(connection -> {
      var insert = connection.prepareStatement("""
          insert into crm_inbound_events (event_id, source, event_type, subject, event_time, data, status, outcome,
            channel, received_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
      insert.setString(1, event.id());
      insert.setString(2, event.source());
      insert.setString(3, event.type());
      insert.setString(4, event.subject());
      insert.setObject(5, event.time());
      insert.setString(6, event.data() == null ? null : clip(event.data().toString(), 20000));
      insert.setString(7, status);
      insert.setString(8, clip(outcome));
      insert.setString(9, channel);
      insert.setObject(10, OffsetDateTime.now(ZoneOffset.UTC));
      return insert;
    }, key);
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
