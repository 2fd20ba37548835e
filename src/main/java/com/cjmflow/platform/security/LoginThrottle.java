package com.cjmflow.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.cjmflow.platform.EngineClock;

/**
 * The limit per client address: at most {@code max-failures-per-address} failed logins within {@code address-window};
 * beyond that the address is refused until its oldest failure leaves the window. Per node, in memory (the growing
 * delay per user is the engine's, in the database). Time is the engine's clock.
 */
@Component
class LoginThrottle {

  private final int maxFailures;
  private final Duration window;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  LoginThrottle(LoginProperties settings) {
    this.maxFailures = settings.maxFailuresPerAddress();
    this.window = settings.addressWindow();
  }

  /** Seconds until the address may try again, if it is over its limit now. */
  Optional<Long> blocked(String address) {
    Deque<Instant> recent = failures.get(address);
    if (recent == null) {
      return Optional.empty();
    }
    synchronized (recent) {
      Instant now = EngineClock.now().toInstant();
      while (!recent.isEmpty() && recent.peekFirst().plus(window).isBefore(now)) {
        recent.pollFirst();
      }
      if (recent.size() < maxFailures) {
        return Optional.empty();
      }
      return Optional.of(Duration.between(now, recent.peekFirst().plus(window)).toSeconds() + 1);
    }
  }

  /** Records a failed login; true when this failure puts the address over its limit. */
  boolean failed(String address) {
    Deque<Instant> recent = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
    synchronized (recent) {
      recent.addLast(EngineClock.now().toInstant());
      while (recent.size() > maxFailures) {
        recent.pollFirst();
      }
      return recent.size() == maxFailures;
    }
  }

  int maxFailures() {
    return maxFailures;
  }

  /** Forgets every address's failures (tests; an operator could expose it). */
  void reset() {
    failures.clear();
  }
}
