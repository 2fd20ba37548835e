package com.cjmflow.interactions;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Test listener: every {@link InteractionCreated} that was committed (tests filter by their own customer). */
@Component
public class InteractionCreatedProbe {

  private final List<InteractionCreated> received = new CopyOnWriteArrayList<>();

  @TransactionalEventListener(fallbackExecution = true)
  void on(InteractionCreated event) {
    received.add(event);
  }

  public List<InteractionCreated> forCustomer(long customerId) {
    return received.stream().filter(event -> event.customerId() == customerId).toList();
  }
}
