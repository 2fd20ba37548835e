package com.cjmflow.notifications;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends one outbox row: through {@code spring.mail.*} when an SMTP host is configured, otherwise to the log. The
 * {@code Message-ID} is derived from the dedup key, so a mail sent twice is recognisably the same mail.
 */
@Component
class NotificationMailer {

  static final String SMTP = "smtp";
  static final String LOG_ONLY = "log";

  /** What the outbox row says to send. */
  record Outgoing(String dedupKey, String recipients, String subject, String body) {}

  private static final Logger LOG = LoggerFactory.getLogger(NotificationMailer.class);

  private final ObjectProvider<JavaMailSender> senders;
  private final String from;

  NotificationMailer(ObjectProvider<JavaMailSender> senders,
      NotificationProperties settings) {
    this.senders = senders;
    this.from = settings.from();
  }

  /** Sends the mail and answers how: {@link #SMTP} or {@link #LOG_ONLY}. Any failure is thrown. */
  String send(Outgoing mail) {
    String messageId = messageId(mail.dedupKey());
    JavaMailSender sender = senders.getIfAvailable();
    if (sender == null) {
      LOG.info("Mail (no SMTP host configured) {}\nTo: {}\nSubject: {}\n\n{}", messageId, mail.recipients(),
          mail.subject(), mail.body());
      return LOG_ONLY;
    }
    sender.send(message(sender, mail, messageId));
    return SMTP;
  }

  /** {@code <first 32 hex digits of sha256(dedupKey)@cjmflow>}. */
  static String messageId(String dedupKey) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(dedupKey.getBytes(StandardCharsets.UTF_8));
      return "<" + HexFormat.of().formatHex(hash).substring(0, 32) + "@cjmflow>";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private MimeMessage message(JavaMailSender sender, Outgoing mail, String messageId) {
    Session session = sender instanceof JavaMailSenderImpl impl ? impl.getSession()
        : Session.getInstance(new Properties());
    MimeMessage message = new FixedIdMessage(session, messageId);
    try {
      MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
      helper.setFrom(from);
      helper.setTo(mail.recipients().split(","));
      helper.setSubject(mail.subject());
      helper.setText(mail.body(), false);
      return message;
    } catch (MessagingException e) {
      throw new MailPreparationException("Cannot build the mail " + messageId, e);
    }
  }

  /** A message whose Message-ID survives {@code saveChanges()}, which would otherwise generate a random one. */
  private static final class FixedIdMessage extends MimeMessage {

    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
