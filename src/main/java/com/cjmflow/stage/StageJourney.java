package com.cjmflow.stage;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
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

  private final JdbcTemplate jdbc;

  StageJourney(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<StageVisit> stages(long orderId) {
    return jdbc.query("select * from crm_order_stage_instances where order_id = ? order by entered_at, id",
        (rs, i) -> new StageVisit(rs.getString("stage"), rs.getString("activity_id"), rs.getString("clock_owner"),
            rs.getObject("entered_at", OffsetDateTime.class), rs.getObject("left_at", OffsetDateTime.class),
            (Long) rs.getObject("duration_seconds", Long.class), rs.getObject("sla_due_at", OffsetDateTime.class),
            rs.getBoolean("is_sla_breached"), rs.getObject("sla_breached_at", OffsetDateTime.class),
            rs.getString("sla_calendar"), rs.getString("sla_explanation"), rs.getBoolean("counts_against_manager"),
            rs.getObject("sla_warned_at", OffsetDateTime.class), rs.getInt("escalation_level"),
            rs.getBoolean("on_hold")),
        orderId);
  }

  public List<JourneyEvent> events(long orderId) {
    return jdbc.query("select * from crm_journey_events where order_id = ? order by occurred_at, id",
        (rs, i) -> new JourneyEvent(rs.getString("event_type"), rs.getString("stage"), rs.getString("from_status"),
            rs.getString("to_status"), rs.getString("actor"), rs.getString("details"),
            rs.getObject("occurred_at", OffsetDateTime.class)),
        orderId);
  }
}
