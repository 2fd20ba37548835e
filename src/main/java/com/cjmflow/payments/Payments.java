package com.cjmflow.payments;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.cjmflow.orderflow.OrderFlow;
import com.cjmflow.orderflow.OrderNotFound;
import com.cjmflow.orderflow.Orders;
import com.cjmflow.platform.PagedQuery;
import com.cjmflow.stage.JourneyLog;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Money received for and paid back on an order ({@code payments}). A reserve or full payment is also told to the
 * order's process ({@link OrderFlow#paymentReceived}); row, journey event and correlation commit together, and the
 * same (order, kind, reference) is recorded once.
 */
@Service
public class Payments {

  public static final String RESERVE = "reserve";
  public static final String FULL = "full";
  public static final String REFUND = "refund";

  /** A payment to record; {@code reference} is the bank's or the payment provider's reference. */
  public record NewPayment(long orderId, String kind, BigDecimal amount, String currency, OffsetDateTime paidAt,
      String reference, String recordedBy) {}

  public record Payment(long id, long orderId, String kind, BigDecimal amount, String currency,
      OffsetDateTime paidAt, String reference, String recordedBy, OffsetDateTime createdAt) {

    /** The column is {@code char(3)}: a shorter code comes back padded. */
    public Payment {
      currency = currency.trim();
    }
  }

  /** The stored payment; {@code created} is false for a repeat, {@code processAdvanced} says whether it moved on. */
  public record Recorded(Payment payment, boolean created, boolean processAdvanced) {}

  /** Sums of one currency; {@code net} = reserve + full − refund. */
  public record Totals(String currency, BigDecimal reserve, BigDecimal full, BigDecimal refund, BigDecimal net) {}

  /** A page of an order's payments, oldest first, with the order's totals per currency (over all its payments). */
  @Schema(name = "PaymentsPage")
  public record Page(List<Payment> items, int page, int size, long total, List<Totals> totals) {}

  /** An order's sum of one kind in one currency. */
  private record Sum(String currency, String kind, BigDecimal total) {}

  private final JdbcClient jdbc;
  private final Orders orders;
  private final OrderFlow orderFlow;
  private final JourneyLog journey;
  private final TransactionTemplate transaction;

  Payments(JdbcClient jdbc, Orders orders, OrderFlow orderFlow, JourneyLog journey,
      TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.orders = orders;
    this.orderFlow = orderFlow;
    this.journey = journey;
    this.transaction = transaction;
  }

  /** Records a payment once; 404 for an unknown order. If the process refuses the message nothing is written. */
  public Recorded record(NewPayment payment) {
    try {
      return transaction.execute(status -> {
        requireOrder(payment.orderId());
        return existing(payment).map(known -> new Recorded(known, false, false)).orElseGet(() -> insert(payment, true));
      });
    } catch (DuplicateKeyException concurrentRepeat) {
      return existing(payment).map(known -> new Recorded(known, false, false)).orElseThrow(() -> concurrentRepeat);
    }
  }

  /**
   * Records a payment a user confirmed in the order's own task (Tasklist): the same row as {@link #record}, without
   * telling the process (the task's completion moves it). Joins the engine transaction of the completion.
   */
  public Recorded recordConfirmed(NewPayment payment) {
    requireOrder(payment.orderId());
    return existing(payment).map(known -> new Recorded(known, false, false))
        .orElseGet(() -> insert(payment, false));
  }

  public Optional<Payment> find(long orderId, long paymentId) {
    return jdbc.sql("select * from payments where id = :id and order_id = :orderId").param("id", paymentId)
        .param("orderId", orderId).query(Payment.class).optional();
  }

  /** An order's payments, optionally of one kind; 404 for an unknown order. */
  public Page list(long orderId, String kind, int page, int size) {
    requireOrder(orderId);
    var payments = PagedQuery.from("from payments").where("order_id = ?", orderId).whereIf(kind, "kind = ?")
        .page(jdbc, "select *", "paid_at, id", Payment.class, page, size);
    return new Page(payments.items(), page, size, payments.total(), totals(orderId));
  }

  /**
   * The first page of {@link #list} (all kinds) for a caller that found the order: one statement when the page holds
   * all of the order's payments (total and totals are then summed from it), else {@link #list}'s count and sums.
   */
  public Page firstPage(long orderId, int size) {
    List<Payment> items = PagedQuery.from("from payments").where("order_id = ?", orderId)
        .first(jdbc, "select *", "paid_at, id", Payment.class, size);
    if (items.size() >= size) {
      return list(orderId, null, 0, size);
    }
    Map<String, Map<String, BigDecimal>> sums = new TreeMap<>();
    items.forEach(p -> sums.computeIfAbsent(p.currency().trim(), c -> new TreeMap<>()).merge(p.kind(), p.amount(),
        BigDecimal::add));
    return new Page(items, 0, size, items.size(), totals(sums));
  }

  private List<Totals> totals(long orderId) {
    Map<String, Map<String, BigDecimal>> sums = new TreeMap<>();
    jdbc.sql("""
        select currency, kind, sum(amount) as total from payments where order_id = :orderId
        group by currency, kind""").param("orderId", orderId).query(Sum.class).list()
        .forEach(sum -> sums.computeIfAbsent(sum.currency().trim(), c -> new TreeMap<>()).put(sum.kind(),
            sum.total()));
    return totals(sums);
  }

  private static List<Totals> totals(Map<String, Map<String, BigDecimal>> sums) {
    return sums.entrySet().stream().map(e -> {
      BigDecimal reserve = sum(e.getValue(), RESERVE);
      BigDecimal full = sum(e.getValue(), FULL);
      BigDecimal refund = sum(e.getValue(), REFUND);
      return new Totals(e.getKey(), reserve, full, refund, reserve.add(full).subtract(refund));
    }).toList();
  }

  private static BigDecimal sum(Map<String, BigDecimal> byKind, String kind) {
    return byKind.getOrDefault(kind, BigDecimal.ZERO).setScale(2, RoundingMode.UNNECESSARY);
  }

  private Recorded insert(NewPayment p, boolean tellProcess) {
    BigDecimal amount = p.amount().setScale(2, RoundingMode.UNNECESSARY);
    var key = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into payments (order_id, kind, amount, currency, paid_at, reference, recorded_by, created_at)
        values (:orderId, :kind, :amount, :currency, :paidAt, :reference, :recordedBy, current_timestamp)""")
        .param("orderId", p.orderId()).param("kind", p.kind()).param("amount", amount)
        .param("currency", p.currency()).param("paidAt", p.paidAt()).param("reference", p.reference())
        .param("recordedBy", p.recordedBy()).update(key, "id");
    long id = key.getKey().longValue();
    journey.record(p.orderId(), "payment_received", null, null, null, p.recordedBy(),
        p.kind() + " " + amount.toPlainString() + " " + p.currency() + " ref " + p.reference(), p.paidAt());
    boolean advanced = tellProcess && switch (p.kind()) {
      case RESERVE -> orderFlow.paymentReceived(p.orderId(), OrderFlow.PaymentKind.RESERVE);
      case FULL -> orderFlow.paymentReceived(p.orderId(), OrderFlow.PaymentKind.FULL);
      default -> false;
    };
    return new Recorded(find(p.orderId(), id).orElseThrow(), true, advanced);
  }

  private Optional<Payment> existing(NewPayment p) {
    return jdbc.sql("select * from payments where order_id = :orderId and kind = :kind and reference = :reference")
        .param("orderId", p.orderId()).param("kind", p.kind()).param("reference", p.reference())
        .query(Payment.class).optional();
  }

  private void requireOrder(long orderId) {
    if (orders.find(orderId).isEmpty()) {
      throw new OrderNotFound(orderId);
    }
  }
}
