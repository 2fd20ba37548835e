package com.cjmflow.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Publishes the outbox to Kafka: one topic per aggregate ({@code <prefix><aggregate>}, e.g. {@code crm.orders}), key =
 * subject (so one subject's events stay in one partition, in order), value = the structured CloudEvent, headers
 * {@code ce_id}, {@code ce_type}, {@code ce_source}, {@code ce_subject}, {@code ce_specversion}. A row is claimed
 * first (one node publishes it), sent by an idempotent producer, then marked published; a failed send is retried
 * by the next run, and later events of the same subject wait for it. Should a node die between the broker's ack and
 * the mark, the row is sent again with the same {@code ce_id}: consumers deduplicate by it.
 */
class KafkaEventRelay {

  static final int BATCH = 200;
  private static final Logger LOG = LoggerFactory.getLogger(KafkaEventRelay.class);

  private final EventOutbox outbox;
  private final KafkaOperations<String, String> kafka;
  private final ObjectMapper json;
  private final String topicPrefix;
  private final String node;
  private final Clock clock;

  KafkaEventRelay(EventOutbox outbox, KafkaOperations<String, String> kafka, ObjectMapper json, String topicPrefix,
      String node, Clock clock) {
    this.outbox = outbox;
    this.kafka = kafka;
    this.json = json;
    this.topicPrefix = topicPrefix;
    this.node = node;
    this.clock = clock;
  }

  static String topic(String prefix, String aggregate) {
    return prefix + aggregate;
  }

  /** One run: sequences what committed, publishes up to {@value #BATCH} rows; answers how many were published. */
  int relay() {
    outbox.sequence();
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    Set<String> blocked = new HashSet<>();
    int published = 0;
    for (EventOutbox.Row row : outbox.unpublished(now, BATCH)) {
      CloudEvent event = row.event();
      if (blocked.contains(event.subject()) || !outbox.claim(row.id(), node, now)) {
        blocked.add(event.subject());
        continue;
      }
      try {
        kafka.send(record(row)).get(30, TimeUnit.SECONDS);
        outbox.published(row.id(), node, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        published++;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        outbox.failed(row.id(), node, "interrupted");
        return published;
      } catch (Exception e) {
        LOG.warn("event {} not published to Kafka (attempt {}): {}", event.id(), row.attempts() + 1, e.toString());
        outbox.failed(row.id(), node, e.toString());
        blocked.add(event.subject());
      }
    }
    return published;
  }

  private ProducerRecord<String, String> record(EventOutbox.Row row) throws JsonProcessingException {
    CloudEvent event = row.event();
    var record = new ProducerRecord<String, String>(topic(topicPrefix, row.aggregate()), event.subject(),
        json.writeValueAsString(event));
    record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
    record.headers().add("ce_id", bytes(event.id()));
    record.headers().add("ce_type", bytes(event.type()));
    record.headers().add("ce_source", bytes(event.source()));
    record.headers().add("ce_subject", bytes(event.subject()));
    record.headers().add("ce_specversion", bytes(event.specversion()));
    return record;
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
