package com.cjmflow.events;

import java.time.OffsetDateTime;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.cjmflow.cases.CaseEvents;
import com.cjmflow.customers.CustomerEvents;
import com.cjmflow.followups.FollowupEvents;
import com.cjmflow.holacracy.HolacracyEvents;
import com.cjmflow.interactions.InteractionTagged;
import com.cjmflow.orderflow.OrderBooked;
import com.cjmflow.stage.StageEvents;
import com.cjmflow.touchpoints.TouchpointEvents;

/**
 * Turns the modules' application events into CloudEvents rows of the outbox. The listeners are synchronous: each
 * row is written in the transaction of the change and rolls back with it. Subject = the order
 * ({@code orders/<id>}) or, for what concerns no order, the customer ({@code customers/<id>}).
 */
@Component
class DomainEventTranslator {

  private final EventOutbox outbox;
  private final EventTypes types;
  private final String source;

  DomainEventTranslator(EventOutbox outbox, EventTypes types, EventsProperties settings) {
    this.outbox = outbox;
    this.types = types;
    this.source = settings.source();
  }

  @EventListener
  void on(OrderBooked e) {
    append("crm.order.booked", order(e.orderId()), e.bookedAt(), e);
  }

  /** Every stage entered; an end event of the model also says how the order ended (crm.order.closed, …). */
  @EventListener
  void on(StageEvents.StageChanged e) {
    append("crm.order.stage-changed", order(e.orderId()), e.changedAt(), e);
    String ending = "crm.order." + e.toStage();
    if (e.ended() && types.isKnown(ending)) {
      append(ending, order(e.orderId()), e.changedAt(), e);
    }
  }

  @EventListener
  void on(StageEvents.SlaMarked e) {
    String type = switch (e.kind()) {
      case "warning" -> "crm.sla.warned";
      case "breach" -> "crm.sla.breached";
      default -> "crm.sla.escalated";
    };
    append(type, order(e.orderId()), e.markedAt(), e);
  }

  @EventListener
  void on(CaseEvents.CaseOpened e) {
    append("crm.case.opened", order(e.orderId()), e.openedAt(), e);
  }

  @EventListener
  void on(CaseEvents.CaseResolved e) {
    append("crm.case.resolved", order(e.orderId()), e.resolvedAt(), e);
  }

  @EventListener
  void on(TouchpointEvents.TouchpointRecorded e) {
    append("crm.interaction.created", subject(e.orderId(), e.customerId()), e.occurredAt(), e);
  }

  @EventListener
  void on(TouchpointEvents.ReplyAppended e) {
    append("crm.interaction.reply-appended", subject(e.orderId(), e.customerId()), e.respondedAt(), e);
  }

  @EventListener
  void on(InteractionTagged e) {
    append("crm.interaction.tagged", subject(e.orderId(), e.customerId()), e.taggedAt(), e);
  }

  @EventListener
  void on(CustomerEvents.CustomerCreated e) {
    append("crm.customer.created", customer(e.customerId()), e.createdAt(), e);
  }

  @EventListener
  void on(CustomerEvents.CustomerStatusChanged e) {
    append("crm.customer.status-changed", customer(e.customerId()), e.changedAt(), e);
  }

  @EventListener
  void on(CustomerEvents.CustomerBlacklisted e) {
    append("crm.customer.blacklisted", customer(e.customerId()), e.blacklistedAt(), e);
  }

  @EventListener
  void on(FollowupEvents.FollowupCreated e) {
    append("crm.followup.created", followup(e.orderId(), e.customerId(), e.taskId()), e.createdAt(), e);
  }

  @EventListener
  void on(FollowupEvents.FollowupCompleted e) {
    append("crm.followup.completed", followup(e.orderId(), e.customerId(), e.taskId()), e.completedAt(), e);
  }

  /** Subject: the order the tension is linked to, else the tension itself. */
  @EventListener
  void on(HolacracyEvents.TensionMoved e) {
    append(e.raised() ? "crm.holacracy.tension-raised" : "crm.holacracy.tension-changed",
        e.orderId() != null ? order(e.orderId()) : "tensions/" + e.tensionId(), e.at(), e);
  }

  /** Subject: the role ({@code roles/<key>}). */
  @EventListener
  void on(HolacracyEvents.AssignmentChanged e) {
    append(e.ended() ? "crm.holacracy.assignment-ended" : "crm.holacracy.role-assigned", "roles/" + e.roleKey(),
        e.at(), e);
  }

  /** Events of modules that read the feed themselves (AI services); only types with a schema are accepted. */
  @EventListener
  void on(PublishedEvent e) {
    if (!types.isKnown(e.type()) || e.subject() == null || e.subject().indexOf('/') < 1) {
      throw new IllegalArgumentException("unknown event type or subject: " + e.type() + " " + e.subject());
    }
    append(e.type(), e.subject(), e.time(), e.data());
  }

  private void append(String type, String subject, OffsetDateTime time, Object data) {
    outbox.append(type, source, subject, subject.substring(0, subject.indexOf('/')),
        time == null ? OffsetDateTime.now() : time, data);
  }

  static String order(long orderId) {
    return "orders/" + orderId;
  }

  static String customer(long customerId) {
    return "customers/" + customerId;
  }

  private static String subject(Long orderId, long customerId) {
    return orderId != null ? order(orderId) : customer(customerId);
  }

  private static String followup(Long orderId, Long customerId, String taskId) {
    return orderId != null ? order(orderId) : customerId != null ? customer(customerId) : "followups/" + taskId;
  }
}
