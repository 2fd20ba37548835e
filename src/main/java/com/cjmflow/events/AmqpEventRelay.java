package com.cjmflow.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Publishes the outbox to an AMQP broker (RabbitMQ): one durable topic exchange, routing key
 * {@code <aggregate>.<type>} (e.g. {@code orders.crm.order.booked}), body = the structured CloudEvent
 * ({@code application/cloudevents+json}), {@code message-id} = the event id, persistent, with the CloudEvents AMQP
 * binding's {@code cloudEvents:*} properties. A row counts as sent once the broker confirms it (publisher confirms)
 * and routed it (mandatory: an exchange without a queue for it is a failure, retried). The outbox side is
 * {@link EventRelay}'s.
 */
class AmqpEventRelay extends EventRelay {

  private final RabbitTemplate rabbit;
  private final ObjectMapper json;
  private final String exchange;

  AmqpEventRelay(EventOutbox outbox, RabbitTemplate rabbit, ObjectMapper json, String exchange, String node,
      Clock clock) {
    super(outbox, node, clock);
    this.rabbit = rabbit;
    this.json = json;
    this.exchange = exchange;
  }

  static String routingKey(String aggregate, String type) {
    return aggregate + "." + type;
  }

  @Override
  String broker() {
    return "AMQP";
  }

  @Override
  void publish(EventOutbox.Row row) throws Exception {
    CloudEvent event = row.event();
    Message message = MessageBuilder.withBody(json.writeValueAsString(event).getBytes(StandardCharsets.UTF_8))
        .setContentType("application/cloudevents+json").setContentEncoding(StandardCharsets.UTF_8.name())
        .setMessageId(event.id()).setDeliveryMode(MessageDeliveryMode.PERSISTENT)
        .setHeader("cloudEvents:specversion", event.specversion()).setHeader("cloudEvents:id", event.id())
        .setHeader("cloudEvents:type", event.type()).setHeader("cloudEvents:source", event.source())
        .setHeader("cloudEvents:subject", event.subject()).build();
    CorrelationData confirm = new CorrelationData(UUID.randomUUID().toString());
    rabbit.send(exchange, routingKey(row.aggregate(), event.type()), message, confirm);
    CorrelationData.Confirm answer = confirm.getFuture().get(30, TimeUnit.SECONDS);
    if (!answer.isAck()) {
      throw new AmqpException("not confirmed by the broker: " + answer.getReason());
    }
    if (confirm.getReturned() != null) {
      throw new AmqpException("not routed: " + confirm.getReturned().getReplyText());
    }
  }
}
