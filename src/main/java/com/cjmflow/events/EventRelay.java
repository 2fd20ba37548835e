package com.cjmflow.events;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the outbox to a broker (Kafka, AMQP): a row is claimed first (one node publishes it), sent and confirmed by
 * the broker, then marked published; a failed send is retried by the next run, and later events of the same subject
 * wait for it. Should a node die between the broker's confirmation and the mark, the row is sent again with the same
 * event id: consumers deduplicate by it.
 */
abstract class EventRelay {

  static final int BATCH = 200;
  private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);

  private final EventOutbox outbox;
  private final String node;
  private final Clock clock;

  EventRelay(EventOutbox outbox, String node, Clock clock) {
    this.outbox = outbox;
    this.node = node;
    this.clock = clock;
  }

  /** The broker's name, for the log. */
  abstract String broker();

  /** Sends one row and returns once the broker has confirmed it; throws when it has not. */
  abstract void publish(EventOutbox.Row row) throws Exception;

  /** One run: sequences what committed, publishes up to {@value #BATCH} rows; answers how many were published. */
  int relay() {
    outbox.sequence();
    OffsetDateTime now = now();
    Set<String> blocked = new HashSet<>();
    int published = 0;
    for (EventOutbox.Row row : outbox.unpublished(now, BATCH)) {
      CloudEvent event = row.event();
      if (blocked.contains(event.subject()) || !outbox.claim(row.id(), node, now)) {
        blocked.add(event.subject());
        continue;
      }
      try {
        publish(row);
        outbox.published(row.id(), node, now());
        published++;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        outbox.failed(row.id(), node, "interrupted");
        return published;
      } catch (Exception e) {
        LOG.warn("event {} not published to {} (attempt {}): {}", event.id(), broker(), row.attempts() + 1,
            e.toString());
        outbox.failed(row.id(), node, e.toString());
        blocked.add(event.subject());
      }
    }
    return published;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
