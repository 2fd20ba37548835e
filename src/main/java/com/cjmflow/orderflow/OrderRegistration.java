package com.cjmflow.orderflow;

import java.time.OffsetDateTime;
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.cjmflow.customers.Customers;
import com.cjmflow.platform.DomainException;
import com.cjmflow.stage.JourneyLog;

/** The order's CRM rows written from the booking API and from the process; joins the caller's transaction. */
@Component
public class OrderRegistration {

  private final Orders orders;
  private final Customers customers;
  private final JourneyLog journey;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate separately;
  private final ApplicationEventPublisher events;

  OrderRegistration(Orders orders, Customers customers, JourneyLog journey, JdbcTemplate jdbc,
      PlatformTransactionManager transactions, ApplicationEventPublisher events) {
    this.orders = orders;
    this.customers = customers;
    this.journey = journey;
    this.jdbc = jdbc;
    this.separately = new TransactionTemplate(transactions);
    this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.separately.setReadOnly(true);
    this.events = events;
  }

  /**
   * Writes customer (found or created), order and the {@code order_created} journey event, and publishes
   * {@link OrderBooked}. A blacklisted customer's booking is refused (422) and writes nothing.
   */
  public long register(OrderFlow.NewOrder order) {
    OffsetDateTime now = OrderFlow.now();
    long customerId = customers.findOrCreate(order.customer(), now);
    if (customers.isBlacklisted(customerId)) {
      throw new DomainException.RuleViolation("Customer " + customerId + " is blacklisted; the booking is refused");
    }
    long orderId = orders.insert(order.externalId(), customerId, order.bikeTitle(), order.sellerCountry(),
        order.priceEur(), order.reserveRequired(), order.expertInspection(), now);
    journey.record(orderId, "order_created", null, null, null, null, "external id " + order.externalId(), now);
    events.publishEvent(new OrderBooked(orderId, order.externalId(), customerId, order.bikeTitle(),
        order.sellerCountry(), order.priceEur(), order.reserveRequired(), order.expertInspection(), now));
    return orderId;
  }

  /**
   * Registers an order that a system booked with the {@code OrderBooked} message: refuses a known external id with
   * {@link OrderAlreadyBooked}, also when a parallel booking of it commits first (its unique key).
   */
  public long registerNew(OrderFlow.NewOrder order) {
    Optional<Orders.Order> existing = orders.findByExternalId(order.externalId());
    if (existing.isPresent()) {
      throw new OrderAlreadyBooked(order.externalId(), existing.get());
    }
    try {
      return register(order);
    } catch (DuplicateKeyException | TransientDataAccessException parallelBooking) {
      throw new OrderAlreadyBooked(order.externalId(), parallelWinner(order.externalId()).orElse(null));
    }
  }

  /**
   * The order a parallel booking of the same external id committed, read in a transaction of its own (the caller's
   * is spoilt on PostgreSQL). PostgreSQL lets the loser's insert wait for the winner's commit; H2 refuses it at once,
   * so the winner is given a moment (at most {@link #WINNER_WAIT}) to commit.
   */
  Optional<Orders.Order> parallelWinner(String externalId) {
    long deadline = System.nanoTime() + WINNER_WAIT.toNanos();
    while (true) {
      Optional<Orders.Order> winner = separately.execute(status -> orders.findByExternalId(externalId));
      if (winner.isPresent() || System.nanoTime() > deadline) {
        return winner;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  private static final java.time.Duration WINNER_WAIT = java.time.Duration.ofSeconds(10);

  /** Links an order to the process instance running it; refuses a second process for one order. */
  public void attachProcess(long orderId, String processInstanceId) {
    if (!orders.attachProcess(orderId, processInstanceId)) {
      throw new ProcessEngineException("Order " + orderId + " already runs in another process instance");
    }
  }
}
