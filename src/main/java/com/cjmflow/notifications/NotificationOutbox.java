package com.cjmflow.notifications;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dispatcher's statements on {@code crm_notifications}. Each runs on its own (auto-commit): a claim is visible
 * to other nodes at once, and no transaction stays open while a mail is on its way.
 */
@Repository
class NotificationOutbox {

  static final int MAX_ATTEMPTS = 8;
  static final Duration LEASE = Duration.ofMinutes(2);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
  private static final Duration LONGEST_RETRY = Duration.ofHours(1);

  /** A pending row, as much as sending it needs. */
  record Pending(long id, String dedupKey, String recipients, String subject, String body, int attempts) {}

  private final JdbcClient jdbc;

  NotificationOutbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Pending> due(OffsetDateTime now, int limit) {
    return jdbc.sql("""
        select id, dedup_key, recipients, subject, body, attempts from crm_notifications
        where status = 'pending' and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?)
        order by next_attempt_at, id offset 0 rows fetch next ? rows only""")
        .params(now, now, limit).query(Pending.class).list();
  }

  /** Takes the row for {@link #LEASE}; true only for the one node whose update changed it. */
  boolean claim(long id, String node, OffsetDateTime now) {
    return jdbc.sql("""
        update crm_notifications set claimed_by = ?, claimed_until = ?
        where id = ? and status = 'pending' and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?)""")
        .params(node, now.plus(LEASE), id, now, now).update() == 1;
  }

  void sent(long id, String node, OffsetDateTime now, String messageId, String delivery) {
    jdbc.sql("""
        update crm_notifications set status = 'sent', sent_at = ?, message_id = ?, delivery = ?, attempts = attempts + 1,
          claimed_until = null, last_error = null
        where id = ? and claimed_by = ?""").params(now, messageId, delivery, id, node).update();
  }

  /** Counts the attempt and schedules the next one (30 s, 1 min, 2 min, … at most 1 h); gives up after 8. */
  void failed(Pending row, String node, OffsetDateTime now, String error) {
    int attempts = row.attempts() + 1;
    String status = attempts >= MAX_ATTEMPTS ? "failed" : "pending";
    jdbc.sql("""
        update crm_notifications set status = ?, attempts = ?, last_error = ?, claimed_until = null, next_attempt_at = ?
        where id = ? and claimed_by = ?""")
        .params(status, attempts, truncate(error, 2000), now.plus(backoff(attempts)), row.id(), node).update();
  }

  static Duration backoff(int attempts) {
    int doublings = Math.min(Math.max(attempts - 1, 0), 20);
    Duration delay = FIRST_RETRY.multipliedBy(1L << doublings);
    return delay.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay;
  }

  private static String truncate(String text, int max) {
    String value = text == null ? "unknown error" : text;
    return value.length() <= max ? value : value.substring(0, max);
  }
}
