package com.cjmflow.stage;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads an order's journey trail: its stage instances in order and its journey events. */
@Component
public class StageJourney {

  public record StageVisit(String stage, String activityId, String clockOwner, OffsetDateTime enteredAt,
      OffsetDateTime leftAt, Long durationSeconds, OffsetDateTime slaDueAt, boolean slaBreached,
      OffsetDateTime slaBreachedAt, String slaCalendar, String slaExplanation, boolean countsAgainstManager,
      OffsetDateTime slaWarnedAt, int escalationLevel, boolean onHold) {}

  public record JourneyEvent(String type, String stage, String fromStatus, String toStatus, String actor,
      String details, OffsetDateTime occurredAt) {}

  /** An outside party overran the budget of the order's open stage: whose clock, in which stage, since when. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "OrderDelay")
  public record Delay(String party, String stage, OffsetDateTime since, OffsetDateTime dueAt) {}

  /** The delay of the order's open stage, from its visits; null when no outside party is overdue. */
  public static Delay delay(List<StageVisit> visits) {
    return visits.stream().filter(v -> v.leftAt() == null && v.slaBreached() && v.clockOwner() != null
            && !"manager".equals(v.clockOwner()))
        .map(v -> new Delay(v.clockOwner(), v.stage(), v.slaBreachedAt(), v.slaDueAt())).reduce((a, b) -> b)
        .orElse(null);
  }

  private final JdbcClient jdbc;

  StageJourney(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<StageVisit> stages(long orderId) {
    return jdbc.sql("""
        select stage, activity_id, clock_owner, entered_at, left_at, duration_seconds, sla_due_at,
               is_sla_breached as sla_breached, sla_breached_at, sla_calendar, sla_explanation,
               counts_against_manager, sla_warned_at, escalation_level, on_hold
          from crm_order_stage_instances where order_id = :orderId order by entered_at, id""")
        .param("orderId", orderId).query(StageVisit.class).list();
  }

  public List<JourneyEvent> events(long orderId) {
    return jdbc.sql("""
        select event_type as type, stage, from_status, to_status, actor, details, occurred_at
          from crm_journey_events where order_id = :orderId order by occurred_at, id""")
        .param("orderId", orderId).query(JourneyEvent.class).list();
  }
}
