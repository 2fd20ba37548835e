package com.cjmflow.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaOperations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Publishes the outbox to Kafka: one topic per aggregate ({@code <prefix><aggregate>}, e.g. {@code crm.orders}), key =
 * subject (so one subject's events stay in one partition, in order), value = the structured CloudEvent, headers
 * {@code ce_id}, {@code ce_type}, {@code ce_source}, {@code ce_subject}, {@code ce_specversion}, sent by an idempotent
 * producer and acknowledged by all in-sync replicas. The outbox side (claims, retries, order per subject) is
 * {@link EventRelay}'s.
 */
class KafkaEventRelay extends EventRelay {

  private final KafkaOperations<String, String> kafka;
  private final ObjectMapper json;
  private final String topicPrefix;

  KafkaEventRelay(EventOutbox outbox, KafkaOperations<String, String> kafka, ObjectMapper json, String topicPrefix,
      String node, Clock clock) {
    super(outbox, node, clock);
    this.kafka = kafka;
    this.json = json;
    this.topicPrefix = topicPrefix;
  }

  static String topic(String prefix, String aggregate) {
    return prefix + aggregate;
  }

  @Override
  String broker() {
    return "Kafka";
  }

  @Override
  void publish(EventOutbox.Row row) throws Exception {
    kafka.send(record(row)).get(30, TimeUnit.SECONDS);
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
