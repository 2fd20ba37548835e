package com.cjmflow.notifications;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the dispatcher every {@code cjm.notifications.dispatch-interval-ms} (default 5 s) after the previous run ends.
 * Off with {@code cjm.notifications.dispatcher.enabled=false} (the tests call {@link NotificationDispatcher} directly).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "cjm.notifications.dispatcher.enabled", havingValue = "true", matchIfMissing = true)
class NotificationScheduling {

  private final NotificationDispatcher dispatcher;

  NotificationScheduling(NotificationDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Scheduled(fixedDelayString = "${cjm.notifications.dispatch-interval-ms:5000}")
  void dispatch() {
    dispatcher.dispatchDue();
  }
}
