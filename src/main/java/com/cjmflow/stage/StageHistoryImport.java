package com.cjmflow.stage;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.BatchInsert;

/**
 * Bulk import of an order's journey trail from another system's history (the legacy CRM backfill): status events,
 * closed stage instances and journey events, in JDBC batches. The open stage of an order that is still running is
 * written by the stage tracker when its process starts there ({@link ResumedStage}). Joins the caller's transaction.
 */
@Component
public class StageHistoryImport {

  /** One status change: the order entered {@code toStatus} at {@code at}. */
  public record StatusEvent(long orderId, String fromStatus, String toStatus, String activityId, String actor,
      OffsetDateTime at) {}

  /** A finished stage visit with its SLA as of entry. */
  public record ClosedVisit(long orderId, String stage, String processInstanceId, String activityId,
      String activityInstanceId, String clockOwner, OffsetDateTime enteredAt, OffsetDateTime leftAt,
      OffsetDateTime slaDueAt, String calendar, boolean countsAgainstManager, String explanation) {

    boolean breached() {
      return slaDueAt != null && leftAt.isAfter(slaDueAt);
    }
  }

  public record JourneyEvent(long orderId, long customerId, String type, String stage, String fromStatus,
      String toStatus, String actor, String details, OffsetDateTime at) {}

  /** An open stage that was already overdue when its order was imported. */
  /** An order's latest status: the stage it entered last and when. */
  public record Status(String stage, OffsetDateTime at) {}

  /** The order's open stage left at {@code leftAt} (the next stage began in the source system). */
  public record Close(long orderId, OffsetDateTime leftAt) {}

  public record Overdue(long orderId, String stage, OffsetDateTime dueAt) {}

  private final JdbcClient jdbc;
  /** Only for the batches ({@link BatchInsert}; {@link JdbcClient} has none). */
  private final JdbcTemplate batch;

  StageHistoryImport(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  public void insertStatusEvents(List<StatusEvent> events) {
    List<Object[]> rows = new ArrayList<>(events.size());
    for (StatusEvent e : events) {
      rows.add(new Object[] {e.orderId(), e.fromStatus(), e.toStatus(), e.activityId(), e.actor(), e.at()});
    }
    BatchInsert.rows(batch, """
        insert into order_status_events (order_id, from_status, to_status, activity_id, changed_by, changed_at)
        values (?, ?, ?, ?, ?, ?)""", rows);
  }

  public void insertClosedVisits(List<ClosedVisit> visits) {
    List<Object[]> rows = new ArrayList<>(visits.size());
    for (ClosedVisit v : visits) {
      boolean breached = v.breached();
      rows.add(new Object[] {v.orderId(), v.stage(), v.processInstanceId(), v.activityId(), v.activityInstanceId(),
          v.clockOwner(), v.enteredAt(), v.leftAt(), Duration.between(v.enteredAt(), v.leftAt()).toSeconds(),
          v.slaDueAt(), breached, breached ? v.slaDueAt() : null, breached ? 1 : 0, v.calendar(),
          v.countsAgainstManager(), v.explanation()});
    }
    BatchInsert.rows(batch, """
        insert into crm_order_stage_instances (order_id, stage, process_instance_id, activity_id,
          activity_instance_id, clock_owner, entered_at, left_at, duration_seconds, sla_due_at, is_sla_breached,
          sla_breached_at, escalation_level, sla_calendar, counts_against_manager, sla_explanation)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
  }

  public void insertJourneyEvents(List<JourneyEvent> events) {
    List<Object[]> rows = new ArrayList<>(events.size());
    for (JourneyEvent e : events) {
      rows.add(new Object[] {e.orderId(), e.customerId(), e.type(), e.stage(), e.fromStatus(), e.toStatus(),
          e.actor(), e.details(), e.at()});
    }
    BatchInsert.rows(batch, """
        insert into crm_journey_events
          (order_id, customer_id, event_type, stage, from_status, to_status, actor, details, occurred_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
  }

  /**
   * The open stages of these orders whose SLA was due before {@code now}: flagged breached at once (due date as the
   * breach time, escalation level 1), each once; the SLA timer that fires later finds the flag set and marks nothing.
   * Returns what was flagged.
   */
  public List<Overdue> flagOverdue(List<Long> orderIds, OffsetDateTime now) {
    List<Overdue> flagged = new ArrayList<>();
    for (int from = 0; from < orderIds.size(); from += 500) {
      List<Long> chunk = orderIds.subList(from, Math.min(orderIds.size(), from + 500));
      String overdue = " where order_id in (:orderIds) and left_at is null and sla_due_at < :now"
          + " and is_sla_breached = false";
      flagged.addAll(jdbc.sql("select order_id, stage, sla_due_at as due_at from crm_order_stage_instances" + overdue)
          .param("orderIds", chunk).param("now", now).query(Overdue.class).list());
      jdbc.sql("update crm_order_stage_instances set is_sla_breached = true, sla_breached_at = sla_due_at, "
          + "sla_warned_at = coalesce(sla_warned_at, sla_due_at), escalation_level = 1" + overdue)
          .param("orderIds", chunk).param("now", now).update();
    }
    return flagged;
  }

  /** The latest status event of each of these orders (by insertion order). */
  public Map<Long, Status> lastStatus(List<Long> orderIds) {
    record Last(long orderId, String stage, OffsetDateTime at) {}
    Map<Long, Status> last = new java.util.HashMap<>();
    for (List<Long> chunk : chunks(orderIds)) {
      jdbc.sql("""
          select e.order_id, e.to_status as stage, e.changed_at as at from order_status_events e
          where e.id in (select max(id) from order_status_events where order_id in (:orderIds) group by order_id)""")
          .param("orderIds", chunk).query(Last.class).list()
          .forEach(l -> last.put(l.orderId(), new Status(l.stage(), l.at())));
    }
    return last;
  }

  /** Closes the open order stage (not a case step) of each order at its time: duration, breached if left late. */
  public void close(List<Close> closes) {
    record Open(long id, long orderId, OffsetDateTime enteredAt, OffsetDateTime slaDueAt) {}
    Map<Long, OffsetDateTime> leftAt = new java.util.HashMap<>();
    closes.forEach(c -> leftAt.put(c.orderId(), c.leftAt()));
    List<Object[]> rows = new ArrayList<>();
    for (List<Long> chunk : chunks(new ArrayList<>(leftAt.keySet()))) {
      for (Open open : jdbc.sql("""
          select id, order_id, entered_at, sla_due_at from crm_order_stage_instances
          where order_id in (:orderIds) and case_id is null and left_at is null""")
          .param("orderIds", chunk).query(Open.class).list()) {
        OffsetDateTime left = leftAt.get(open.orderId());
        boolean late = open.slaDueAt() != null && left.isAfter(open.slaDueAt());
        rows.add(new Object[] {left, Duration.between(open.enteredAt(), left).toSeconds(), late,
            late ? open.slaDueAt() : null, open.id()});
      }
    }
    BatchInsert.rows(batch, """
        update crm_order_stage_instances set left_at = ?, duration_seconds = ?, on_hold = false,
          is_sla_breached = is_sla_breached or ?, sla_breached_at = coalesce(sla_breached_at, ?)
        where id = ?""", rows);
  }

  private static List<List<Long>> chunks(List<Long> ids) {
    List<List<Long>> chunks = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += 500) {
      chunks.add(ids.subList(from, Math.min(ids.size(), from + 500)));
    }
    return chunks;
  }
}
