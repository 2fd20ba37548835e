package com.cjmflow.housekeeping;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the housekeeping every night at {@code cjm.housekeeping.cron} (server time zone UTC; default 00:30, 03:30
 * Moscow, inside the engine's history cleanup window), on whichever node takes the lock.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class HousekeepingScheduling {

  static final String CRON = "${cjm.housekeeping.cron:0 30 0 * * *}";

  private final Housekeeping housekeeping;

  HousekeepingScheduling(Housekeeping housekeeping) {
    this.housekeeping = housekeeping;
  }

  @Scheduled(cron = CRON)
  void nightly() {
    housekeeping.runLocked();
  }
}
