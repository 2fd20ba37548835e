package com.cjmflow.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Deletes the mails in a final state ({@code sent}, or {@code failed}: given up after {@value
 * NotificationOutbox#MAX_ATTEMPTS} attempts) queued longer than {@code cjm.notifications.retention} ago; a pending
 * or retrying one stays, however old. Each batch is one statement on its own (auto-commit, as the dispatcher's).
 */
@Service
public class NotificationRetention {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Duration retention;

  NotificationRetention(JdbcClient jdbc, Clock clock, NotificationProperties properties) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.retention = properties.retention();
  }

  /** Deletes the expired rows, at most {@code batch} per statement; answers how many. */
  public int removeExpired(int batch) {
    OffsetDateTime before = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minus(retention);
    int removed = 0;
    int last;
    do {
      last = jdbc.sql("""
          delete from crm_notifications where id in (
            select id from crm_notifications where status in ('sent', 'failed') and created_at < :before
            order by created_at offset 0 rows fetch next :batch rows only)""")
          .param("before", before).param("batch", batch).update();
      removed += last;
    } while (last == batch);
    return removed;
  }
}
