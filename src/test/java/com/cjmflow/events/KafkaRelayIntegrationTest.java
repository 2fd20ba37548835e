package com.cjmflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import com.cjmflow.ApiTestSupport;

/**
 * The outbox relayed to a real Kafka broker in the test JVM (no second Spring context: the relay is built here
 * against the shared context's outbox). Topics per aggregate, key = subject, ce_id header; a failed publish is
 * retried, two nodes relaying at once, and repeated runs: every event id reaches the topic exactly once.
 */
class KafkaRelayIntegrationTest extends ApiTestSupport {

  private static EmbeddedKafkaKraftBroker broker;

  @Autowired EventOutbox outbox;
  @Autowired Clock clock;

  @BeforeAll
  static void startBroker() {
    broker = new EmbeddedKafkaKraftBroker(1, 2, "crm.orders", "crm.customers", "crm.followups");
    broker.afterPropertiesSet();
    // The broker publishes its address as system properties; the shared context must not pick them up (its relay
    // would race this test's relays).
    System.getProperties().stringPropertyNames().stream()
        .filter(name -> name.startsWith("spring.kafka.") || name.startsWith("spring.embedded.kafka."))
        .forEach(System::clearProperty);
  }

  @AfterAll
  static void stopBroker() {
    broker.destroy();
  }

  @Test
  void eachEventReachesItsTopicOnceThroughFailuresRetriesAndTwoNodes() {
    // what other tests left unpublished is not this test's business
    jdbc.update("update crm_event_outbox set published_at = current_timestamp where published_at is null");
    call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("ev-kafka-1", false, false));
    List<String> first = pendingIds();
    assertThat(first).hasSizeGreaterThanOrEqualTo(3);

    // the broker is unreachable: nothing is marked published, the attempt is counted
    KafkaTemplate<String, String> down = template("127.0.0.1:1");
    assertThat(relay(down, "node-a").relay()).isZero();
    assertThat(pendingIds()).containsExactlyInAnyOrderElementsOf(first);
    assertThat(jdbc.queryForObject("select max(attempts) from crm_event_outbox where published_at is null",
        Integer.class)).isEqualTo(1);
    ((DefaultKafkaProducerFactory<String, String>) down.getProducerFactory()).destroy();

    // the retry publishes every row once; a further run publishes nothing
    KafkaTemplate<String, String> up = template(broker.getBrokersAsString());
    assertThat(relay(up, "node-a").relay()).isEqualTo(first.size());
    assertThat(relay(up, "node-a").relay()).isZero();
    assertThat(pendingIds()).isEmpty();

    // two nodes relay new events at the same time: each row is claimed by one of them
    for (int i = 0; i < 4; i++) {
      call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("ev-kafka-2-" + i, false, false));
    }
    List<String> second = pendingIds();
    KafkaEventRelay a = relay(up, "node-a");
    KafkaEventRelay b = relay(up, "node-b");
    CompletableFuture<Integer> fromA = CompletableFuture.supplyAsync(a::relay);
    CompletableFuture<Integer> fromB = CompletableFuture.supplyAsync(b::relay);
    int published = fromA.join() + fromB.join();
    // a row skipped because the other node held it, or held back behind its subject, goes out on the next run
    published += a.relay() + b.relay();
    assertThat(published).isEqualTo(second.size());
    assertThat(pendingIds()).isEmpty();
    ((DefaultKafkaProducerFactory<String, String>) up.getProducerFactory()).destroy();

    // the consumer's view: every event id exactly once, on its aggregate's topic, keyed by its subject
    List<ConsumerRecord<String, String>> records = consumeAll();
    Map<String, Long> perId = records.stream().collect(Collectors.groupingBy(
        r -> new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8), Collectors.counting()));
    List<String> expected = new ArrayList<>(first);
    expected.addAll(second);
    for (String id : expected) {
      assertThat(perId.get(id)).as("records with ce_id %s", id).isEqualTo(1);
    }
    ConsumerRecord<String, String> booked = records.stream()
        .filter(r -> new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)
            .equals("crm.order.booked") && r.value().contains("ev-kafka-1"))
        .findFirst().orElseThrow();
    assertThat(booked.topic()).isEqualTo("crm.orders");
    assertThat(booked.key()).startsWith("orders/");
    assertThat(booked.value()).contains("\"specversion\":\"1.0\"").contains("\"subject\":\"" + booked.key() + "\"");
  }

  private List<String> pendingIds() {
    outbox.sequence();
    return jdbc.queryForList("select event_id from crm_event_outbox where published_at is null order by id",
        String.class);
  }

  private KafkaEventRelay relay(KafkaTemplate<String, String> template, String node) {
    return new KafkaEventRelay(outbox, template, json, "crm.", node, clock);
  }

  private static KafkaTemplate<String, String> template(String servers) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2000);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
  }

  private static List<ConsumerRecord<String, String>> consumeAll() {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "relay-test");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(Set.of("crm.orders", "crm.customers", "crm.followups"));
      int emptyPolls = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (emptyPolls < 3 && System.nanoTime() < deadline) {
        var polled = consumer.poll(Duration.ofSeconds(1));
        if (polled.isEmpty() && !records.isEmpty()) {
          emptyPolls++;
        }
        polled.forEach(records::add);
      }
    }
    return records;
  }
}
