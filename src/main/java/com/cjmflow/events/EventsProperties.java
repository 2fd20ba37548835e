package com.cjmflow.events;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cjm.events.*}: the CloudEvents {@code source} of our events and, with a broker configured, where they go
 * (Kafka: one topic per aggregate, named prefix + aggregate; AMQP: one topic exchange).
 */
@ConfigurationProperties("cjm.events")
public record EventsProperties(@DefaultValue("/cjm-flow") String source, @DefaultValue Kafka kafka,
    @DefaultValue Amqp amqp) {

  /** {@code cjm.events.kafka.*}. */
  public record Kafka(@DefaultValue("crm.") String topicPrefix) {}

  /** {@code cjm.events.amqp.*}: the topic exchange the events go to. */
  public record Amqp(@DefaultValue("crm.events") String exchange) {}
}
