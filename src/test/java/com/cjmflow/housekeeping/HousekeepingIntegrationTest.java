package com.cjmflow.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;

import com.cjmflow.ApiTestSupport;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

/** The nightly housekeeping runs on one node at a time: a run while another holds the cluster lock does nothing. */
class HousekeepingIntegrationTest extends ApiTestSupport {

  @Autowired Housekeeping housekeeping;
  @Autowired LockProvider locks;
  @Autowired Clock clock;

  @Test
  void aRunWhileAnotherNodeHoldsTheLockIsRefused() {
    // given another node's run holding the lock
    SimpleLock held = locks.lock(new LockConfiguration(clock.instant(), Housekeeping.LOCK, Duration.ofMinutes(5),
        Duration.ZERO)).orElseThrow();
    try {
      // when this node's nightly run starts, then it does nothing
      assertThat(housekeeping.runLocked()).isEmpty();
    } finally {
      held.unlock();
    }
  }

  @Test
  void theNightlyRunIsScheduledByTheCronSetting() throws NoSuchMethodException {
    Scheduled scheduled = HousekeepingScheduling.class.getDeclaredMethod("nightly").getAnnotation(Scheduled.class);

    assertThat(scheduled).isNotNull();
    assertThat(scheduled.cron()).isEqualTo("${cjm.housekeeping.cron:0 30 0 * * *}");
  }
}
