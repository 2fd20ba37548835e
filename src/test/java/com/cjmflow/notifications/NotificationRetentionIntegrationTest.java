package com.cjmflow.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import com.cjmflow.ApiTestSupport;

/**
 * Retention of the notification outbox: a mail queued longer ago than {@code cjm.notifications.retention} (90 days)
 * is deleted once sent or given up (failed), in batches; a pending or retrying one stays however old. The test runs
 * in a transaction that is rolled back, so the dispatcher tests never see its rows.
 */
class NotificationRetentionIntegrationTest extends ApiTestSupport {

  @Autowired NotificationRetention retention;
  @Autowired TransactionTemplate transaction;
  @Autowired Clock clock;

  @Test
  void finalMailsPastTheRetentionAreDeletedPendingAndRetryingOnesStay() {
    ClockUtil.reset();
    String prefix = "it-retention-" + UUID.randomUUID() + "-";
    transaction.execute(status -> {
      status.setRollbackOnly();
      // given three sent and one given-up mail of 100 days ago, a sent one of yesterday, and a pending and a
      // retrying one of a year ago
      for (int i = 1; i <= 3; i++) {
        mail(prefix + "sent-" + i, "sent", 1, 100);
      }
      mail(prefix + "failed", "failed", NotificationOutbox.MAX_ATTEMPTS, 100);
      mail(prefix + "recent", "sent", 1, 1);
      mail(prefix + "pending", "pending", 0, 365);
      mail(prefix + "retrying", "pending", 3, 365);

      // when the retention runs with batches of two
      int removed = retention.removeExpired(2);

      // then the four final old mails are gone, over three statements, and the others stay
      assertThat(removed).isEqualTo(4);
      assertThat(jdbc.queryForList("select dedup_key from crm_notifications where dedup_key like ? order by dedup_key",
          String.class, prefix + "%")).containsExactly(prefix + "pending", prefix + "recent", prefix + "retrying");
      return null;
    });
  }

  private void mail(String key, String state, int attempts, int daysAgo) {
    OffsetDateTime created = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minusDays(daysAgo);
    jdbc.update("""
        insert into crm_notifications (dedup_key, kind, language, recipients, subject, body, status, attempts,
          next_attempt_at, created_at)
        values (?, ?, 'en', 'anna@example.ru', 'Subject', 'Body', ?, ?, ?, ?)""",
        key, Notification.SLA_BREACH, state, attempts, created, created);
  }
}
