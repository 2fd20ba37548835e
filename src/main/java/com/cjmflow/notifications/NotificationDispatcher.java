package com.cjmflow.notifications;

import java.net.InetAddress;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.cjmflow.platform.CjmProperties;

/**
 * Sends what the outbox holds. Each due row is first claimed with a conditional update, so two nodes (or two
 * threads) never send the same row; the mail goes out with no database transaction open; a failure is retried with
 * exponential backoff and the row is given up after {@value NotificationOutbox#MAX_ATTEMPTS} attempts. If a node
 * dies between sending and recording, the lease runs out and the mail may go out again, with the same Message-ID.
 */
@Service
public class NotificationDispatcher {

  static final int BATCH = 20;
  private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

  private final NotificationOutbox outbox;
  private final NotificationMailer mailer;
  private final Clock clock;
  private final String node;

  NotificationDispatcher(NotificationOutbox outbox, NotificationMailer mailer, Clock clock,
      CjmProperties settings) {
    this.outbox = outbox;
    this.mailer = mailer;
    this.clock = clock;
    this.node = settings.nodeIdOr(hostAndPid());
  }

  /** One run: sends up to {@value #BATCH} due rows this node could claim; answers how many were sent. */
  public int dispatchDue() {
    int sent = 0;
    for (NotificationOutbox.Pending row : outbox.due(now(), BATCH)) {
      if (outbox.claim(row.id(), node, now())) {
        sent += send(row) ? 1 : 0;
      }
    }
    return sent;
  }

  private boolean send(NotificationOutbox.Pending row) {
    try {
      String delivery = mailer.send(new NotificationMailer.Outgoing(row.dedupKey(), row.recipients(), row.subject(),
          row.body()));
      outbox.sent(row.id(), node, now(), NotificationMailer.messageId(row.dedupKey()), delivery);
      return true;
    } catch (RuntimeException e) {
      LOG.warn("Notification {} not sent (attempt {}): {}", row.dedupKey(), row.attempts() + 1, e.toString());
      outbox.failed(row, node, now(), e.toString());
      return false;
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static String hostAndPid() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "unknown-host";
    }
    String id = host + "-" + ProcessHandle.current().pid();
    return id.length() <= 100 ? id : id.substring(id.length() - 100);
  }
}
