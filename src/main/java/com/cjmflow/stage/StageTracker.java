package com.cjmflow.stage;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.DisplayNames;
import com.cjmflow.platform.EngineClock;
import com.cjmflow.platform.EngineContext;

/**
 * Writes the journey trail while the engine moves: order status, status events, stage instances and journey events,
 * in the engine's transaction. Called by the listeners {@link StageParseListener} attaches to the model.
 */
@Component
@Order(0)
class StageTracker implements TaskEvents {

  static final String ORDER_ID = "orderId";

  private record OpenVisit(long id, OffsetDateTime enteredAt) {}

  private final JdbcTemplate jdbc;
  private final JourneyLog journey;
  private final StagePolicy sla;
  private final SlaNotifications notifier;
  private final ApplicationEventPublisher events;
  private final DisplayNames names;

  StageTracker(JdbcTemplate jdbc, JourneyLog journey, StagePolicy sla, SlaNotifications notifier,
      ApplicationEventPublisher events, DisplayNames names) {
    this.names = names;
    this.jdbc = jdbc;
    this.journey = journey;
    this.sla = sla;
    this.notifier = notifier;
    this.events = events;
  }

  void entered(DelegateExecution execution, String stage) {
    Long orderId = orderId(execution);
    if (orderId == null) {
      return;
    }
    var due = sla.due(execution, stage);
    OffsetDateTime now = due.map(d -> at(d.startedAt())).orElseGet(StageTracker::now);
    String actor = actor(execution);
    String previous = jdbc.queryForList("""
        select to_status from order_status_events where order_id = ? order by id desc fetch first 1 rows only""",
        String.class, orderId).stream().findFirst().orElse(null);
    jdbc.update("""
        insert into order_status_events (order_id, from_status, to_status, activity_id, changed_by, changed_at)
        values (?, ?, ?, ?, ?, ?)""", orderId, previous, stage, execution.getCurrentActivityId(), actor, now);
    jdbc.update("""
        insert into crm_order_stage_instances (order_id, stage, process_instance_id, activity_id,
          activity_instance_id, clock_owner, entered_at, sla_due_at, sla_calendar, counts_against_manager,
          sla_explanation)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        orderId, stage, execution.getProcessInstanceId(), execution.getCurrentActivityId(),
        execution.getActivityInstanceId(), due.map(StagePolicy.StageDue::clockOwner).orElse(null), now,
        due.map(d -> at(d.dueAt())).orElse(null), due.map(StagePolicy.StageDue::calendarId).orElse(null),
        due.map(StagePolicy.StageDue::countsAgainstManager).orElse(false),
        due.map(StagePolicy.StageDue::explanation).orElse(null));
    journey.record(orderId, "status_changed", stage, previous, stage, actor, null, now);
    events.publishEvent(new StageEntered(orderId, stage, previous, actor, now)); // the order's status, the activity
    events.publishEvent(new StageEvents.StageChanged(orderId, previous, stage, execution.getCurrentActivityId(),
        actor, execution.getBpmnModelElementInstance() instanceof EndEvent, now));
  }

  void left(DelegateExecution execution) {
    List<OpenVisit> open = jdbc.query(
        "select id, entered_at from crm_order_stage_instances where activity_instance_id = ? and left_at is null",
        (rs, i) -> new OpenVisit(rs.getLong("id"), rs.getObject("entered_at", OffsetDateTime.class)),
        execution.getActivityInstanceId());
    if (open.isEmpty()) {
      return;
    }
    OffsetDateTime now = now();
    events.publishEvent(new StageLeft(open.get(0).id(), actor(execution), now)); // closes an open pause
    jdbc.update("""
        update crm_order_stage_instances set left_at = ?, duration_seconds = ?, on_hold = false
        where activity_instance_id = ? and left_at is null""",
        now, Duration.between(open.get(0).enteredAt(), now).toSeconds(), execution.getActivityInstanceId());
  }

  /** An SLA timer of the stage's wait state fired: mark the stage instance, log it, notify (once per level). */
  void slaTimerFired(DelegateExecution execution, SlaEvent event) {
    Long orderId = orderId(execution);
    if (orderId == null) {
      return;
    }
    OffsetDateTime now = now();
    String open = "process_instance_id = ? and activity_id = ? and left_at is null";
    int marked = event.isWarning()
        ? jdbc.update("update crm_order_stage_instances set sla_warned_at = ? where " + open
            + " and sla_warned_at is null", now, execution.getProcessInstanceId(), event.activityId())
        : event.isBreach()
            ? jdbc.update("update crm_order_stage_instances set is_sla_breached = true, sla_breached_at = ?, "
                + "escalation_level = 1 where " + open + " and is_sla_breached = false",
                now, execution.getProcessInstanceId(), event.activityId())
            : jdbc.update("update crm_order_stage_instances set escalation_level = ? where " + open
                + " and escalation_level < ?", event.level(), execution.getProcessInstanceId(), event.activityId(),
                event.level());
    if (marked > 0) {
      String type = event.isWarning() ? "sla_warned" : event.isBreach() ? "sla_breached" : "sla_escalated";
      journey.record(orderId, type, event.stage(), null, null, "system",
          "SLA of " + event.activityId() + (event.isWarning() ? " warned" : " level " + event.level()), now);
      jdbc.query("select sla_due_at, clock_owner from crm_order_stage_instances where " + open,
          rs -> {
            events.publishEvent(new StageEvents.SlaMarked(orderId, event.stage(), event.activityId(), event.kind(),
                event.level(), rs.getObject("sla_due_at", OffsetDateTime.class), rs.getString("clock_owner"), now));
          }, execution.getProcessInstanceId(), event.activityId());
    }
    notifier.notify(execution, orderId, event);
  }

  /**
   * A migrated activity instance: its open stage instance now belongs to the target activity (found through the
   * process instance index: a scan per migrated instance made a 10,000-order migration quadratic).
   */
  void activityMigrated(String processInstanceId, String activityInstanceId, String activityId) {
    jdbc.update("""
        update crm_order_stage_instances set activity_id = ?
        where process_instance_id = ? and activity_instance_id = ? and left_at is null""",
        activityId, processInstanceId, activityInstanceId);
  }

  /**
   * A migrated process instance: a journey event naming both versions. Called before the engine flushes the
   * migration, so the history row still names the source definition.
   */
  void processMigrated(String processInstanceId, String targetDefinitionId) {
    List<Long> orders = jdbc.queryForList("select id from orders where process_instance_id = ?", Long.class,
        processInstanceId);
    if (orders.isEmpty()) {
      return;
    }
    String source = jdbc.queryForList("select PROC_DEF_ID_ from ACT_HI_PROCINST where PROC_INST_ID_ = ?",
        String.class, processInstanceId).stream().findFirst().orElse(null);
    journey.record(orders.get(0), "model_migrated", null, null, null, "system",
        "Migrated from " + version(source) + " to " + version(targetDefinitionId), now());
  }

  /** "order-flow version 3" from a definition id "order-flow:3:…". */
  private static String version(String definitionId) {
    if (definitionId == null) {
      return "an unknown version";
    }
    String[] parts = definitionId.split(":");
    return parts.length >= 2 ? parts[0] + " version " + parts[1] : definitionId;
  }

  /**
   * Every user task: a name that reads well in Tasklist, in the company's language (README "Language"), with the
   * order it is about, and the SLA due date when the task is a stage.
   */
  @Override
  public void created(DelegateTask task, Map<String, String> properties) {
    String stage = properties.get(StageParseListener.STAGE);
    Long orderId = orderId(task);
    String name = names.task(task.getTaskDefinitionKey(), task.getName(), task::getVariable);
    task.setName(orderId == null ? name : name + " — " + names.order(orderId));
    if (stage != null && orderId != null) {
      sla.due(task.getExecution(), stage).ifPresent(due -> task.setDueDate(due.dueAt()));
    }
  }

  private static Long orderId(VariableScope scope) {
    Object value = scope.getVariable(ORDER_ID);
    return value instanceof Number number ? number.longValue() : null;
  }

  private static String actor(DelegateExecution execution) {
    return EngineContext.userId(execution.getProcessEngineServices()).orElse("system");
  }

  private static OffsetDateTime now() {
    return EngineClock.now();
  }

  private static OffsetDateTime at(Date date) {
    return date.toInstant().atOffset(ZoneOffset.UTC);
  }
}
