package com.cjmflow.housekeeping;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.cjmflow.events.EventRetention;
import com.cjmflow.notifications.NotificationRetention;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

/**
 * Deletes the outbox rows past their retention: the events' and the notifications' (each module decides what is
 * done). One run at a time across the nodes: ShedLock's lock {@value #LOCK} (platform's cluster locks), held at least
 * {@link #AT_LEAST} so a node whose clock is a little behind does not run the same night again.
 */
@Service
public class Housekeeping {

  static final String LOCK = "housekeeping";
  static final Duration AT_MOST = Duration.ofHours(2);
  static final Duration AT_LEAST = Duration.ofMinutes(5);
  private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

  /** How many rows a run deleted. */
  public record Removed(int events, int notifications) {}

  private final EventRetention events;
  private final NotificationRetention notifications;
  private final LockProvider locks;
  private final Clock clock;
  private final int batch;

  Housekeeping(EventRetention events, NotificationRetention notifications, LockProvider locks, Clock clock,
      HousekeepingProperties properties) {
    this.events = events;
    this.notifications = notifications;
    this.locks = locks;
    this.clock = clock;
    this.batch = properties.batchSize();
  }

  /** One run under the cluster lock; empty when another node's run holds it. */
  public Optional<Removed> runLocked() {
    Optional<SimpleLock> lock = locks.lock(new LockConfiguration(clock.instant(), LOCK, AT_MOST, AT_LEAST));
    if (lock.isEmpty()) {
      LOG.info("housekeeping skipped: another node runs it");
      return Optional.empty();
    }
    try {
      return Optional.of(run(batch));
    } finally {
      lock.get().unlock();
    }
  }

  /** One run without the lock, {@code batch} rows per delete (tests and one-off runs); answers the counts. */
  public Removed run(int batch) {
    Removed removed = new Removed(events.removeExpired(batch), notifications.removeExpired(batch));
    LOG.info("housekeeping: {} events and {} notifications past their retention deleted", removed.events(),
        removed.notifications());
    return removed;
  }
}
