package com.cjmflow.followups;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.AsSystem;
import com.cjmflow.platform.DisplayNames;
import com.cjmflow.sla.StageSla;
import com.cjmflow.stage.StageEvents;
import com.cjmflow.touchpoints.TouchpointEvents;

/**
 * Delays on the other side: when a stage on an outside party's clock (client, seller, carrier, …) breaches or
 * escalates, the order's manager gets a reminder follow-up in the company's language ("напомнить клиенту (этап
 * «Ожидает оплаты резерва» просрочен)", {@link DisplayNames#partyReminder}) due after the row's
 * {@code remindEvery} of {@code dmn/stage-sla.dmn}, at most one open per order and stage.
 * Sending the reminder restarts nothing on the party's clock; an inbound contact on the order (the reply) completes
 * the open reminders. Runs in the transaction of the timer or the touchpoint.
 */
@Component
class OutsidePartyReminders {

  static final String ORIGIN = "sla_reminder";
  static final String MANAGER = "manager";

  private final JdbcClient jdbc;
  private final Followups followups;
  private final StageSla stageSla;
  private final AsSystem asSystem;
  private final DisplayNames names;

  OutsidePartyReminders(JdbcClient jdbc, Followups followups, StageSla stageSla, AsSystem asSystem,
      DisplayNames names) {
    this.names = names;
    this.jdbc = jdbc;
    this.followups = followups;
    this.stageSla = stageSla;
    this.asSystem = asSystem;
  }

  @EventListener
  void on(StageEvents.SlaMarked marked) {
    if ("warning".equals(marked.kind()) || marked.clockOwner() == null || MANAGER.equals(marked.clockOwner())) {
      return;
    }
    String subject = names.partyReminder(marked.clockOwner(), marked.stage());
    if (!openReminders(marked.orderId(), subject).isEmpty()) {
      return;
    }
    Map<String, Object> facts = new HashMap<>();
    facts.put("customerTier", jdbc.sql("""
        select c.tier from orders o join customers c on c.id = o.customer_id where o.id = :orderId""")
        .param("orderId", marked.orderId()).query(String.class).list().stream().findFirst().orElse(null));
    Optional<Duration> every = stageSla.remindEvery(marked.stage(), facts);
    if (every.isEmpty()) {
      return;
    }
    String manager = jdbc.sql("select manager_id from orders where id = :orderId").param("orderId", marked.orderId())
        .query(String.class).list().stream().findFirst().orElse(null);
    OffsetDateTime at = marked.markedAt();
    asSystem.run(() -> followups.create(new Followups.NewFollowup(marked.orderId(), subject,
        at.plus(every.get()), null, manager, "system", ORIGIN)));
  }

  /** The party answered: an inbound contact on the order closes its open reminders. */
  @EventListener
  void on(TouchpointEvents.TouchpointRecorded touchpoint) {
    if (touchpoint.orderId() == null || !"inbound".equals(touchpoint.direction())) {
      return;
    }
    for (long id : openReminders(touchpoint.orderId(), null)) {
      asSystem.run(() -> followups.complete(id, "reply received (" + touchpoint.channel() + ")"));
    }
  }

  private List<Long> openReminders(long orderId, String subject) {
    return jdbc.sql("""
        select id from crm_manager_followups where order_id = :orderId and origin = :origin and status = 'open'
           and (cast(:subject as varchar(200)) is null or subject like :pattern)""")
        .param("orderId", orderId).param("origin", ORIGIN).param("subject", subject)
        .param("pattern", subject == null ? null : "%" + subject + "%").query(Long.class).list();
  }
}
