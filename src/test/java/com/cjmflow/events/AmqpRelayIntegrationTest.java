package com.cjmflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

import com.cjmflow.ApiTestSupport;

/**
 * The outbox relayed to the machine's RabbitMQ (127.0.0.1:5672, guest/guest) through the same relay as Kafka, built
 * here against the shared context's outbox: routing key per aggregate and type, message-id = event id, the broker's
 * confirmation before a row counts as sent, an unroutable event retried, no event twice. Skipped (not failed) when
 * no broker answers on that port.
 */
class AmqpRelayIntegrationTest extends ApiTestSupport {

  private static final String HOST = "127.0.0.1";
  private static final int PORT = 5672;

  @Autowired EventOutbox outbox;
  @Autowired Clock clock;

  private CachingConnectionFactory connections;
  private RabbitAdmin admin;
  private final String exchange = "cjm-test-" + UUID.randomUUID();
  private final String queueName = exchange + "-all";

  @BeforeEach
  void connect() {
    Assumptions.assumeTrue(reachable(), "RabbitMQ is not reachable at " + HOST + ":" + PORT
        + ": the AMQP relay test is skipped (it runs wherever the broker runs, e.g. CI on these machines)");
    connections = new CachingConnectionFactory(HOST, PORT);
    connections.setUsername("guest");
    connections.setPassword("guest");
    connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
    connections.setPublisherReturns(true);
    admin = new RabbitAdmin(connections);
    admin.declareExchange(new TopicExchange(exchange, false, true));
  }

  @AfterEach
  void disconnect() {
    if (connections != null) {
      admin.deleteQueue(queueName);
      admin.deleteExchange(exchange);
      connections.destroy();
    }
  }

  @Test
  void eachEventReachesTheExchangeOnceWithItsIdAndAnUnroutableOneWaits() {
    // what other tests left unpublished is not this test's business
    jdbc.update("update crm_event_outbox set published_at = current_timestamp where published_at is null");
    call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("ev-amqp-" + UUID.randomUUID(), false, false));
    List<String> pending = pendingIds();
    assertThat(pending).hasSizeGreaterThanOrEqualTo(3);

    // no queue is bound yet: the broker returns the events, nothing counts as sent, the attempt is counted
    assertThat(relay("node-a").relay()).isZero();
    assertThat(pendingIds()).containsExactlyInAnyOrderElementsOf(pending);
    assertThat(jdbc.queryForObject("select max(attempts) from crm_event_outbox where published_at is null",
        Integer.class)).isEqualTo(1);

    // with a queue bound to every routing key the retry publishes each row once; a further run publishes nothing
    Queue queue = new Queue(queueName, false, false, false);
    admin.declareQueue(queue);
    admin.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(exchange)).with("#"));
    assertThat(relay("node-a").relay()).isEqualTo(pending.size());
    assertThat(relay("node-b").relay()).isZero();
    assertThat(pendingIds()).isEmpty();

    // the consumer's view: every event id once, routed by aggregate and type, a structured CloudEvent
    List<Message> messages = drain(queue.getName());
    Map<String, Long> perId = messages.stream()
        .collect(Collectors.groupingBy(m -> m.getMessageProperties().getMessageId(), Collectors.counting()));
    pending.forEach(id -> assertThat(perId.get(id)).as("messages with id %s", id).isEqualTo(1));
    Message booked = messages.stream()
        .filter(m -> "crm.order.booked".equals(m.getMessageProperties().getHeader("cloudEvents:type")))
        .findFirst().orElseThrow();
    assertThat(booked.getMessageProperties().getReceivedRoutingKey()).isEqualTo("orders.crm.order.booked");
    assertThat(booked.getMessageProperties().getContentType()).isEqualTo("application/cloudevents+json");
    assertThat(new String(booked.getBody(), StandardCharsets.UTF_8)).contains("\"specversion\":\"1.0\"")
        .contains("\"id\":\"" + booked.getMessageProperties().getMessageId() + "\"");
  }

  private AmqpEventRelay relay(String node) {
    return new AmqpEventRelay(outbox, AmqpEventsConfiguration.confirming(connections), json, exchange, node, clock);
  }

  private List<String> pendingIds() {
    outbox.sequence();
    return jdbc.queryForList("select event_id from crm_event_outbox where published_at is null order by id",
        String.class);
  }

  private List<Message> drain(String queue) {
    RabbitTemplate template = new RabbitTemplate(connections);
    List<Message> messages = new ArrayList<>();
    // every message was confirmed and routed before: a plain get finds them all
    for (Message message = template.receive(queue); message != null; message = template.receive(queue)) {
      messages.add(message);
    }
    return messages;
  }

  private static boolean reachable() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, PORT), 1000);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
