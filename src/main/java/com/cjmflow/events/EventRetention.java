package com.cjmflow.events;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes the outbox rows that are done and older than {@code cjm.events.retention} (by the time they were written):
 * sequenced and, when a relay (Kafka or AMQP) is configured, published. A row not yet sequenced or published stays,
 * however old. Each batch is its own short transaction and raises the watermark
 * {@code crm_event_sequence.removed_through} to the highest feed position it deleted, so the feed answers a cursor
 * below it with {@link EventsRemoved} instead of skipping events.
 */
@Service
public class EventRetention {

  private record Candidate(long id, long feedPosition) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final Duration retention;
  private final boolean relayed;

  EventRetention(JdbcClient jdbc, TransactionTemplate transaction, Clock clock, EventsProperties events,
      List<EventRelay> relays) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.clock = clock;
    this.retention = events.retention();
    this.relayed = !relays.isEmpty();
  }

  /** Deletes the expired rows, at most {@code batch} per transaction; answers how many. */
  public int removeExpired(int batch) {
    OffsetDateTime before = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minus(retention);
    int removed = 0;
    int last;
    do {
      last = transaction.execute(status -> removeBatch(before, batch));
      removed += last;
    } while (last == batch);
    return removed;
  }

  private int removeBatch(OffsetDateTime before, int batch) {
    String published = relayed ? " and published_at is not null" : "";
    List<Candidate> rows = jdbc.sql("select id, feed_position from crm_event_outbox"
        + " where created_at < :before and feed_position is not null" + published
        + " order by created_at offset 0 rows fetch next :batch rows only")
        .param("before", before).param("batch", batch).query(Candidate.class).list();
    if (rows.isEmpty()) {
      return 0;
    }
    jdbc.sql("delete from crm_event_outbox where id in (:ids)")
        .param("ids", rows.stream().map(Candidate::id).toList()).update();
    long through = rows.stream().mapToLong(Candidate::feedPosition).max().orElseThrow();
    jdbc.sql("update crm_event_sequence set removed_through = :through where id = 1 and removed_through < :through")
        .param("through", through).update();
    return rows.size();
  }
}
