package com.cjmflow.kpi;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

/**
 * The cluster-wide "one recompute at a time" lock: ShedLock's lock {@value #NAME} (platform's cluster locks), held
 * by one run at a time. A holder whose heartbeat stops (its node crashed) loses it after {@link #STALE_AFTER}.
 */
@Component
public class KpiLock {

  static final String NAME = "kpi-recompute";
  /** A holder that has not beaten its heart for this long is presumed dead (its node crashed). */
  static final Duration STALE_AFTER = Duration.ofMinutes(10);

  private final LockProvider locks;
  private final Clock clock;
  /** The locks this node holds, by run. */
  private final Map<String, SimpleLock> held = new ConcurrentHashMap<>();

  KpiLock(LockProvider locks, Clock clock) {
    this.locks = locks;
    this.clock = clock;
  }

  /** Takes the lock for the run; false when another live run holds it. Commits on its own (database time). */
  public boolean tryAcquire(String runId) {
    Optional<SimpleLock> lock = locks.lock(new LockConfiguration(clock.instant(), NAME, STALE_AFTER, Duration.ZERO));
    lock.ifPresent(taken -> {
      held.clear(); // a run of this node that still thinks it holds the lock lost it as stale
      held.put(runId, taken);
    });
    return lock.isPresent();
  }

  /** Keeps the lock alive for another {@link #STALE_AFTER}; false when it was lost (taken over as stale). */
  public boolean heartbeat(String runId) {
    SimpleLock lock = held.get(runId);
    Optional<SimpleLock> extended = lock == null ? Optional.empty() : lock.extend(STALE_AFTER, Duration.ZERO);
    extended.ifPresentOrElse(kept -> held.put(runId, kept), () -> held.remove(runId));
    return extended.isPresent();
  }

  /**
   * Frees the lock if the run still holds it. ShedLock unlocks by name only, so the lock is first extended, which
   * succeeds only for its holder: a run whose lock another node took over as stale frees nothing.
   */
  public void release(String runId) {
    SimpleLock lock = held.remove(runId);
    if (lock != null) {
      lock.extend(STALE_AFTER, Duration.ZERO).ifPresent(SimpleLock::unlock);
    }
  }
}
