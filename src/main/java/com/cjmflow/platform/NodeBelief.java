package com.cjmflow.platform;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Answers read from the database and believed on this node for at most {@code ttl} per key, instead of read again in
 * every engine command. A change made on this node counts at once: {@link #changing} applies its mark when the change
 * is made and again when its transaction ends, and a read that ran meanwhile is not kept. A change made on another
 * node counts after at most {@code ttl}. Used for "is there any revoke authorization" ({@link RevokeAuthorizations})
 * and "which is the latest deployed version of a decision" ({@link LatestDecisions}).
 */
final class NodeBelief<K, V> {

  private final long ttlNanos;
  private final AtomicLong generation = new AtomicLong();
  private final ConcurrentMap<K, Known<V>> known = new ConcurrentHashMap<>();

  private record Known<V>(V value, long checkedAtNanos) {}

  NodeBelief(Duration ttl) {
    this.ttlNanos = ttl.toNanos();
  }

  /** The believed answer for {@code key}, or what {@code read} answers now when none is believed (kept for ttl). */
  V get(K key, Function<? super K, ? extends V> read) {
    Known<V> now = known.get(key);
    if (now != null && System.nanoTime() - now.checkedAtNanos() < ttlNanos) {
      return now.value();
    }
    long readAt = generation.get();
    V value = read.apply(key);
    if (generation.get() == readAt) {
      known.put(key, new Known<>(value, System.nanoTime()));
    }
    return value;
  }

  /** This node changed the answer for {@code key} to {@code value}: believed from now on (for ttl). */
  void set(K key, V value) {
    generation.incrementAndGet();
    known.put(key, new Known<>(value, System.nanoTime()));
  }

  /** This node changed answers: each is read again when next asked. */
  void forgetAll() {
    generation.incrementAndGet();
    known.clear();
  }

  /** The answer for {@code key} is gone from what it named (not a change: nothing a running read must drop). */
  void forget(K key) {
    known.remove(key);
  }

  /**
   * A change is being made in the current engine command: {@code mark} (one of {@link #set}, {@link #forgetAll})
   * runs now and again when the transaction commits or rolls back, so that a read by another command before the
   * commit (which could not see the change yet) is not believed after it.
   */
  void changing(Runnable mark) {
    mark.run();
    CommandContext command = Context.getCommandContext();
    if (command != null) {
      command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, context -> mark.run());
      command.getTransactionContext().addTransactionListener(TransactionState.ROLLED_BACK, context -> mark.run());
    }
  }
}
