package com.cjmflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.transaction.support.TransactionTemplate;

import com.cjmflow.ApiTestSupport;
import com.cjmflow.notifications.NotificationDispatcher;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;

/**
 * The SLA ladder of one stage against a real SMTP server: warning, then breach (level 1), then level 2, in that
 * order, each mailed once — also when the breach timer's job runs twice. Monday 2026-11-23 10:00 Moscow; "booked"
 * has 4 business hours, warns at 75 %, escalates 4 business hours after the breach.
 */
class SlaLadderMailIntegrationTest extends ApiTestSupport {

  private static final Instant MONDAY_10_MSK = Instant.parse("2026-11-23T07:00:00Z");

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  @Autowired TaskService tasks;
  @Autowired org.camunda.bpm.engine.IdentityService identity;
  @Autowired TransactionTemplate transaction;
  @Autowired NotificationDispatcher dispatcher;
  @Autowired com.cjmflow.platform.DisplayNames names;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void warningThenBreachThenLevelTwoEachMailedOnce() {
    drain(); // mail left by other tests of the shared context
    ClockUtil.setCurrentTime(Date.from(MONDAY_10_MSK));
    JsonNode booked = book("web-ladder-1");
    long orderId = booked.get("orderId").asLong();
    String pi = booked.get("processInstanceId").asText();

    // one timer job at a time: each rung arms the next when it fires
    Job warning = timer(pi, "BoundaryEvent_ConfirmBookingSlaWarning");
    assertThat(management.createJobQuery().processInstanceId(pi).timers().count()).isEqualTo(1);
    assertThat(warning.getDuedate().toInstant()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));

    fire(warning);
    Job breach = timer(pi, "BoundaryEvent_ConfirmBookingSlaBreached");
    assertThat(breach.getDuedate().toInstant()).isEqualTo(Instant.parse("2026-11-23T11:00:00Z"));
    assertThat(management.createJobQuery().processInstanceId(pi).timers().count()).isEqualTo(1);
    ClockUtil.setCurrentTime(breach.getDuedate());
    // the breach job runs twice: the first run is lost (rolled back, as after a crash), the second commits
    transaction.executeWithoutResult(status -> {
      management.executeJob(breach.getId());
      status.setRollbackOnly();
    });
    management.executeJob(breach.getId());
    Job escalation = timer(pi, "BoundaryEvent_ConfirmBookingSlaEscalated");
    assertThat(escalation.getDuedate().toInstant()).isEqualTo(Instant.parse("2026-11-23T15:00:00Z"));
    assertThat(management.createJobQuery().processInstanceId(pi).timers().count()).isEqualTo(1);
    fire(escalation);
    assertThat(management.createJobQuery().processInstanceId(pi).timers().count()).as("top of the ladder").isZero();

    assertThat(jdbc.queryForList("select event_type from crm_journey_events where order_id = ? order by id",
        String.class, orderId))
        .containsExactly("order_created", "status_changed", "sla_warned", "sla_breached", "sla_escalated");
    assertThat(jdbc.queryForObject("select escalation_level from crm_order_stage_instances where order_id = ?",
        Integer.class, orderId)).isEqualTo(2);
    assertThat(tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("Task_ReviewConfirmBookingSlaBreach")
        .taskCandidateGroup("head-of-sales").count()).isEqualTo(1);
    assertThat(jdbc.queryForList("select kind from crm_notifications where order_id = ? order by id", String.class,
        orderId)).containsExactly("sla_warning", "sla_breach", "sla_escalation");

    drain();
    drain();

    // one mail per level (GreenMail keeps one copy per recipient), found by the Message-ID the outbox derived
    for (String kind : List.of("sla_warning", "sla_breach", "sla_escalation")) {
      String messageId = jdbc.queryForObject("select message_id from crm_notifications where order_id = ? "
          + "and kind = ? and status = 'sent'", String.class, orderId, kind);
      List<MimeMessage> copies = Arrays.stream(SMTP.getReceivedMessages())
          .filter(mail -> messageId.equals(messageId(mail))).toList();
      List<String> recipients = recipientsOf(copies);
      assertThat(copies).as(kind).hasSize(recipients.size());
      // the role's mail goes to whoever fills the role now (other tests may have added members to it)
      String role = "sla_escalation".equals(kind) ? "head-of-sales" : "sales-managers";
      List<String> members = identity.createUserQuery().memberOfGroup(role).list().stream()
          .map(org.camunda.bpm.engine.identity.User::getEmail).toList();
      assertThat(recipients).as(kind).containsAll("sla_escalation".equals(kind)
          ? List.of("galina@cjmflow.example") : List.of("anna@cjmflow.example", "boris@cjmflow.example"));
      assertThat(members).as(kind).containsAll(recipients);
    }

    // the breach mail names the stage in the company's language and the due time in Moscow time, the zone named
    String breachId = jdbc.queryForObject("select message_id from crm_notifications where order_id = ? and kind = "
        + "'sla_breach'", String.class, orderId);
    MimeMessage mail = Arrays.stream(SMTP.getReceivedMessages()).filter(m -> breachId.equals(messageId(m)))
        .findFirst().orElseThrow();
    String stageName = names.stage("booked");
    String due = names.dateTime(breach.getDuedate().toInstant());
    assertThat(stageName).isNotEqualTo("booked");
    assertThat(due).endsWith(" " + names.zoneName());
    assertThat(subjectOf(mail)).contains("«" + stageName + "»");
    assertThat(bodyOf(mail)).contains("«" + stageName + "»", due)
        .doesNotContain(breach.getDuedate().toInstant().toString().substring(0, 16));
  }

  private static String subjectOf(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String bodyOf(MimeMessage mail) {
    try {
      return String.valueOf(mail.getContent());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void drain() {
    while (dispatcher.dispatchDue() > 0) {
      // until nothing due is left
    }
  }

  private void fire(Job job) {
    ClockUtil.setCurrentTime(job.getDuedate());
    management.executeJob(job.getId());
  }

  private JsonNode book(String externalId) {
    return read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking(externalId, false, false)));
  }

  private static List<String> recipientsOf(List<MimeMessage> mails) {
    return mails.stream().flatMap(m -> {
      try {
        return Arrays.stream(m.getAllRecipients()).map(Object::toString);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).distinct().toList();
  }

  private static String messageId(MimeMessage mail) {
    try {
      return mail.getMessageID();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

}
