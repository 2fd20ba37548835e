package com.cjmflow.events.inbound;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.cjmflow.events.InboundEvents;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The inbound Kafka listener built by hand (the shared test context runs without Kafka), fed records directly. */
public class InboundKafkaListenerProbe {

  private final InboundKafkaListener listener;

  public InboundKafkaListenerProbe(InboundEvents inbound, ObjectMapper json) {
    this.listener = new InboundKafkaListener(inbound, json);
  }

  public void deliver(ConsumerRecord<String, String> record) {
    listener.onMessage(record);
  }
}
