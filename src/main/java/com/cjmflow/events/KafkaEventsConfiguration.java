package com.cjmflow.events;

import java.lang.management.ManagementFactory;
import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import com.cjmflow.platform.CjmProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * With {@code spring.kafka.bootstrap-servers} set, the outbox is relayed to Kafka every
 * {@code cjm.events.kafka.relay-interval-ms} (default 1 s) by whichever node claims each row.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "spring.kafka.bootstrap-servers")
class KafkaEventsConfiguration {

  @Bean
  KafkaEventRelay kafkaEventRelay(EventOutbox outbox, KafkaTemplate<String, String> kafka, ObjectMapper json,
      EventsProperties events, CjmProperties settings, Clock clock) {
    return new KafkaEventRelay(outbox, kafka, json, events.kafka().topicPrefix(),
        settings.nodeIdOr(ManagementFactory.getRuntimeMXBean().getName()), clock);
  }

  @Bean
  RelayRun kafkaRelayRun(KafkaEventRelay relay) {
    return new RelayRun(relay);
  }

  /** The scheduled run of the relay. */
  static class RelayRun {
    private final KafkaEventRelay relay;

    RelayRun(KafkaEventRelay relay) {
      this.relay = relay;
    }

    @Scheduled(fixedDelayString = "${cjm.events.kafka.relay-interval-ms:1000}")
    void relay() {
      relay.relay();
    }
  }
}
