package com.cjmflow.events.inbound;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.cjmflow.events.InboundEnvelope;
import com.cjmflow.events.InboundEvent;
import com.cjmflow.events.InboundEvents;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.cjmflow.platform.DomainException;

/**
 * With Kafka configured, ERP events arrive on {@code cjm.events.kafka.inbound-topic} (default {@code erp.events}) as
 * CloudEvents in structured mode ({@code content-type: application/cloudevents+json}) or binary mode ({@code ce_*}
 * headers). The same handlers and dedup as over HTTP; a malformed or rejected record is logged and skipped (the
 * rejected one is stored with its reason), so one bad record never blocks the partition.
 */
@Component
@ConditionalOnProperty(name = "spring.kafka.bootstrap-servers")
class InboundKafkaListener {

  private static final Logger LOG = LoggerFactory.getLogger(InboundKafkaListener.class);

  private final InboundEvents inbound;
  private final ObjectMapper json;

  InboundKafkaListener(InboundEvents inbound, ObjectMapper json) {
    this.inbound = inbound;
    this.json = json;
  }

  @KafkaListener(topics = "${cjm.events.kafka.inbound-topic:erp.events}",
      groupId = "${cjm.events.kafka.inbound-group:cjm-flow}")
  void onMessage(ConsumerRecord<String, String> record) {
    byte[] body = record.value() == null ? null : record.value().getBytes(StandardCharsets.UTF_8);
    try {
      String contentType = header(record, "content-type");
      InboundEvent event = contentType != null && contentType.startsWith(InboundEnvelope.STRUCTURED)
          ? InboundEnvelope.structured(json, body)
          : InboundEnvelope.binary(json, name -> header(record, "ce_" + name), body);
      InboundEvents.Receipt receipt = inbound.receive(event, "kafka");
      LOG.debug("inbound event {} from {}: {}", event.id(), event.source(), receipt.status());
    } catch (DomainException refused) {
      LOG.warn("inbound Kafka record {}-{}@{} refused: {}", record.topic(), record.partition(), record.offset(),
          refused.getMessage());
    }
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
