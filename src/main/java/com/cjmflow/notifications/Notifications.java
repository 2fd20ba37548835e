package com.cjmflow.notifications;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The notification outbox's entrance. {@link #enqueue} renders the mail text now and inserts one
 * {@code crm_notifications} row in the caller's transaction (an engine listener's: it commits or rolls back with the
 * process state); {@link NotificationDispatcher} sends it later. It never throws for a repeated event, because an
 * exception would abort the engine transaction on PostgreSQL.
 */
@Service
public class Notifications {

  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
  private static final Set<String> LANGUAGES = Set.of("ru", "en");

  private final JdbcTemplate jdbc;
  private final NotificationTemplates templates;
  private final Clock clock;

  Notifications(JdbcTemplate jdbc, NotificationTemplates templates, Clock clock) {
    this.jdbc = jdbc;
    this.templates = templates;
    this.clock = clock;
  }

  /**
   * Queues the mail unless its dedup key was queued before. Returns false (and writes nothing) for a known key or
   * for a notification without recipients. Joins the caller's transaction; never opens one. Throws only for a
   * programming error (no dedup key, a language other than ru/en, a kind without templates), which should fail the job.
   */
  public boolean enqueue(Notification notification) {
    String key = notification.dedupKey();
    if (key == null || key.isBlank() || key.length() > 300) {
      throw new IllegalArgumentException("A notification needs a dedup key of 1..300 characters: " + key);
    }
    List<String> recipients = recipients(notification.recipients());
    if (recipients.isEmpty()) {
      LOG.warn("Notification {} has no recipients; nothing is queued", key);
      return false;
    }
    Integer known = jdbc.queryForObject("select count(*) from crm_notifications where dedup_key = ?",
        Integer.class, key);
    if (known != null && known > 0) {
      LOG.debug("Notification {} was queued before", key);
      return false;
    }
    String language = language(notification.language());
    NotificationTemplates.Rendered text = templates.render(notification.kind(), notification.stage(), language,
        notification.model());
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    jdbc.update("""
        insert into crm_notifications (dedup_key, kind, order_id, stage, level, language, recipients, subject, body,
          status, attempts, next_attempt_at, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)""",
        key, notification.kind(), notification.orderId(), notification.stage(), notification.level(), language,
        String.join(",", recipients), truncate(text.subject(), 300), truncate(text.body(), 8000), now, now);
    LOG.debug("Notification {} queued from {}", key, text.template());
    return true;
  }

  private static List<String> recipients(List<String> given) {
    Set<String> unique = new LinkedHashSet<>();
    for (String address : given) {
      if (address != null && !address.isBlank()) {
        unique.add(address.strip());
      }
    }
    String joined = String.join(",", unique);
    if (joined.length() > 2000) {
      throw new IllegalArgumentException("Too many recipients for one notification: " + joined.length() + " chars");
    }
    return List.copyOf(unique);
  }

  private static String language(String language) {
    String code = language == null ? "ru" : language.strip().toLowerCase();
    if (!LANGUAGES.contains(code)) {
      throw new IllegalArgumentException("Notification language must be ru or en: " + language);
    }
    return code;
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
