package com.cjmflow.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cjm.events.*}: the CloudEvents {@code source} of our events and, with a broker configured, where they go
 * (Kafka: one topic per aggregate, named prefix + aggregate; AMQP: one topic exchange), and how long a done
 * outbox row is kept ({@code retention}, see {@link EventRetention}).
 */
@ConfigurationProperties("cjm.events")
public record EventsProperties(@DefaultValue("/cjm-flow") String source, @DefaultValue Kafka kafka,
    @DefaultValue Amqp amqp, @DefaultValue("P90D") Duration retention) {

  /** {@code cjm.events.kafka.*}. */
  public record Kafka(@DefaultValue("crm.") String topicPrefix) {}

  /** {@code cjm.events.amqp.*}: the topic exchange the events go to. */
  public record Amqp(@DefaultValue("crm.events") String exchange) {}
}
