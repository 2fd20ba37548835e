package com.cjmflow.notifications;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;

/**
 * The outbox's time source: the system clock in UTC, unless the application (or a test) provides a {@link Clock}.
 * {@code @Fallback} keeps it out of the way even when another {@code Clock} is registered after this one.
 */
@Configuration(proxyBeanMethods = false)
class NotificationsConfiguration {

  @Bean
  @ConditionalOnMissingBean(Clock.class)
  @Fallback
  Clock notificationClock() {
    return Clock.systemUTC();
  }
}
