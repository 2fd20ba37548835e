package com.cjmflow.events;

import java.lang.management.ManagementFactory;
import java.time.Clock;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import com.cjmflow.platform.CjmProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * With {@code spring.rabbitmq.host} set, the outbox is also relayed to RabbitMQ every
 * {@code cjm.events.amqp.relay-interval-ms} (default 1 s), to the topic exchange {@code cjm.events.amqp.exchange}
 * (declared durable on the first connection). Publisher confirms and returns are switched on for its template.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "spring.rabbitmq.host")
class AmqpEventsConfiguration {

  @Bean
  TopicExchange eventsExchange(EventsProperties events) {
    return new TopicExchange(events.amqp().exchange(), true, false);
  }

  @Bean
  AmqpEventRelay amqpEventRelay(EventOutbox outbox, ConnectionFactory connections, ObjectMapper json,
      EventsProperties events, CjmProperties settings, Clock clock, Environment environment) {
    if (environment.containsProperty("spring.kafka.bootstrap-servers")) {
      // each outbox row is published once, by whichever relay claims it: two brokers would each get half
      throw new IllegalStateException(
          "Configure one event broker: spring.kafka.bootstrap-servers or spring.rabbitmq.host, not both");
    }
    return new AmqpEventRelay(outbox, confirming(connections), json, events.amqp().exchange(),
        settings.nodeIdOr(ManagementFactory.getRuntimeMXBean().getName()), clock);
  }

  /** A template whose sends the broker confirms and returns when unroutable (the connection must allow both). */
  static RabbitTemplate confirming(ConnectionFactory connections) {
    RabbitTemplate template = new RabbitTemplate(connections);
    template.setMandatory(true);
    return template;
  }

  @Bean
  RelayRun amqpRelayRun(AmqpEventRelay relay) {
    return new RelayRun(relay);
  }

  /** The scheduled run of the relay. */
  static class RelayRun {
    private final AmqpEventRelay relay;

    RelayRun(AmqpEventRelay relay) {
      this.relay = relay;
    }

    @Scheduled(fixedDelayString = "${cjm.events.amqp.relay-interval-ms:1000}")
    void run() {
      relay.relay();
    }
  }
}
