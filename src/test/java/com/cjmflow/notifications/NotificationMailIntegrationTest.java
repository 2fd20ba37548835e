package com.cjmflow.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.cjmflow.ApiTestSupport;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;

/**
 * The dispatcher against a real SMTP server (GreenMail) inside the test: one mail per dedup key, the Message-ID
 * derived from it, retries with backoff while the server is down, and no double sending when two dispatchers race.
 */
class NotificationMailIntegrationTest extends ApiTestSupport {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(
      new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  @Autowired Notifications notifications;
  @Autowired NotificationDispatcher dispatcher;
  @Autowired TestClock clock;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @BeforeEach
  void sendWhatOthersLeftPending() {
    // the database is shared with the other test classes: their due rows go first, so ours fit in one batch
    while (dispatcher.dispatchDue() > 0) {
      // keep draining
    }
  }

  @Test
  void oneNotificationQueuedTwiceIsOneMailWithTheDerivedMessageId() throws Exception {
    // given a Russian breach notification queued twice
    String to = "mail-once-" + UUID.randomUUID() + "@example.ru";
    String key = "it-mail-once-" + UUID.randomUUID();
    Notification breach = NotificationOutboxIntegrationTest.breach(key, null, "seller_check_in_progress", "ru",
        List.of(to));
    assertThat(notifications.enqueue(breach)).isTrue();
    assertThat(notifications.enqueue(breach)).isFalse();

    // when the dispatcher runs twice
    dispatcher.dispatchDue();
    dispatcher.dispatchDue();

    // then exactly one mail arrived, as rendered, with the Message-ID from the dedup key
    List<MimeMessage> mails = mailsTo(to);
    assertThat(mails).hasSize(1);
    MimeMessage mail = mails.get(0);
    Map<String, Object> row = jdbc.queryForMap("select * from crm_notifications where dedup_key = ?", key);
    assertThat(mail.getMessageID()).isEqualTo(NotificationMailer.messageId(key)).isEqualTo(row.get("message_id"));
    assertThat(mail.getSubject()).isEqualTo(row.get("subject")).startsWith("Заказ ")
        .endsWith("проверка велосипеда у продавца просрочена");
    assertThat(text(mail)).isEqualTo(((String) row.get("body")).strip())
        .contains("свяжитесь с продавцом ещё раз сегодня").contains("Europe/Berlin");
    assertThat(mail.getFrom()[0].toString()).isEqualTo("noreply@cjmflow.example");
    assertThat(row).containsEntry("status", "sent").containsEntry("delivery", "smtp");
  }

  @Test
  void whileTheServerIsDownTheMailWaitsForItsBackoffThenGoesOut() throws Exception {
    String to = "mail-retry-" + UUID.randomUUID() + "@example.ru";
    String key = "it-mail-retry-" + UUID.randomUUID();
    notifications.enqueue(NotificationOutboxIntegrationTest.breach(key, null, "booked", "en", List.of(to)));

    // given the SMTP server is down, when the dispatcher runs
    SMTP.stop();
    OffsetDateTime before = OffsetDateTime.now(clock);
    assertThat(dispatcher.dispatchDue()).isZero();
    OffsetDateTime after = OffsetDateTime.now(clock);

    // then the attempt is counted and the next one is 30 s later
    Map<String, Object> failed = jdbc.queryForMap("select * from crm_notifications where dedup_key = ?", key);
    assertThat(failed).containsEntry("status", "pending").containsEntry("attempts", 1);
    assertThat((String) failed.get("last_error")).isNotBlank();
    assertThat(failed.get("claimed_until")).isNull();
    OffsetDateTime next = jdbc.queryForObject("select next_attempt_at from crm_notifications where dedup_key = ?",
        OffsetDateTime.class, key);
    assertThat(next).isBetween(before.plusSeconds(30), after.plusSeconds(30));

    // when the server is back, the mail still waits for its backoff
    SMTP.start();
    dispatcher.dispatchDue();
    assertThat(mailsTo(to)).isEmpty();

    // and once the clock passes next_attempt_at it is sent
    clock.advance(Duration.ofSeconds(31));
    dispatcher.dispatchDue();
    assertThat(mailsTo(to)).hasSize(1);
    Map<String, Object> sent = jdbc.queryForMap("select * from crm_notifications where dedup_key = ?", key);
    assertThat(sent).containsEntry("status", "sent").containsEntry("delivery", "smtp").containsEntry("attempts", 2);
  }

  @Test
  void twoDispatchersRacingSendEveryRowOnce() throws Exception {
    // given ten pending notifications
    String to = "mail-race-" + UUID.randomUUID() + "@example.ru";
    String prefix = "it-mail-race-" + UUID.randomUUID();
    for (int i = 0; i < 10; i++) {
      notifications.enqueue(NotificationOutboxIntegrationTest.breach(prefix + "-" + i, null, "booked", "ru",
          List.of(to)));
    }

    // when two dispatchers run at the same moment
    CyclicBarrier start = new CyclicBarrier(2);
    Callable<Integer> run = () -> {
      start.await();
      return dispatcher.dispatchDue();
    };
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<Integer> sent = new ArrayList<>();
    try {
      for (Future<Integer> result : threads.invokeAll(List.of(run, run))) {
        sent.add(result.get());
      }
    } finally {
      threads.shutdownNow();
    }

    // then every row went out exactly once
    assertThat(sent.get(0) + sent.get(1)).isEqualTo(10);
    List<MimeMessage> mails = mailsTo(to);
    assertThat(mails).hasSize(10);
    List<String> ids = new ArrayList<>();
    for (MimeMessage mail : mails) {
      ids.add(mail.getMessageID());
    }
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(jdbc.queryForObject("select count(*) from crm_notifications where dedup_key like ? and status = 'sent'",
        Long.class, prefix + "-%")).isEqualTo(10);
  }

  private static List<MimeMessage> mailsTo(String address) throws Exception {
    List<MimeMessage> mails = new ArrayList<>();
    for (MimeMessage mail : SMTP.getReceivedMessages()) {
      Address[] recipients = mail.getAllRecipients();
      if (recipients != null && Arrays.stream(recipients).anyMatch(r -> r.toString().equals(address))) {
        mails.add(mail);
      }
    }
    return mails;
  }

  private static String text(MimeMessage mail) throws Exception {
    return ((String) mail.getContent()).replace("\r\n", "\n").strip();
  }

}
