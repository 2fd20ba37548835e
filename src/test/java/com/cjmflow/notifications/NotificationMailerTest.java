package com.cjmflow.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;

/** Without an SMTP host (no mail sender bean) a mail goes to the log and counts as delivered that way. */
class NotificationMailerTest {

  @Test
  void withoutAnSmtpHostTheMailIsLogged() {
    var noSender = new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class);
    NotificationMailer mailer = new NotificationMailer(noSender, new NotificationProperties("noreply@cjmflow.example", Duration.ofDays(90)));

    String delivery = mailer.send(new NotificationMailer.Outgoing("key-1", "anna@example.ru", "Subject", "Body"));

    assertThat(delivery).isEqualTo(NotificationMailer.LOG_ONLY);
    assertThat(NotificationMailer.messageId("key-1")).isEqualTo(NotificationMailer.messageId("key-1"))
        .startsWith("<").endsWith("@cjmflow>");
  }
}
