package com.cjmflow.stage;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.CommandScoped;
import com.cjmflow.platform.DisplayNames;
import com.cjmflow.platform.EngineClock;
import com.cjmflow.platform.EngineContext;
import com.cjmflow.platform.SharedVariables;

/**
 * Writes the journey trail while the engine moves: order status, status events, stage instances and journey events,
 * in the engine's transaction. Called by the listeners {@link StageParseListener} attaches to the model.
 */
@Component
@Order(0)
class StageTracker implements TaskEvents {

  /** A process with this variable is a case on the order (an order case): its stages are the case's steps. */
  static final String CASE_ID = "caseId";

  private record OpenVisit(long id, String stage, Long caseId, OffsetDateTime enteredAt, boolean onHold) {}

  /** The SLA an open stage instance records, read into {@link StagePolicy.StageDue} by {@link #due}. */
  private record RecordedDue(OffsetDateTime enteredAt, OffsetDateTime slaDueAt, String clockOwner,
      String slaCalendar, boolean countsAgainstManager, String slaExplanation) {

    StagePolicy.StageDue due() {
      return new StagePolicy.StageDue(date(enteredAt), date(slaDueAt), clockOwner, slaCalendar,
          countsAgainstManager, slaExplanation);
    }
  }

  /** The SLA of a stage instance whose timer marked it. */
  private record MarkedSla(OffsetDateTime slaDueAt, String clockOwner) {}

  private final JdbcClient jdbc;
  private final JourneyLog journey;
  private final StagePolicy sla;
  private final SlaNotifications notifier;
  private final ApplicationEventPublisher events;
  private final DisplayNames names;
  /**
   * The order's stage its process just left in this command, per process instance: the next stage's previous
   * status, so entering it reads no {@code order_status_events} (the order flow has one stage open at a time).
   */
  private final CommandScoped<String, String> justLeft = new CommandScoped<>();

  StageTracker(JdbcClient jdbc, JourneyLog journey, StagePolicy sla, SlaNotifications notifier,
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
    OffsetDateTime now = due.map(d -> at(d.startedAt()))
        .orElseGet(() -> ResumedStage.of(execution).map(StageTracker::at).orElseGet(StageTracker::now));
    String actor = actor(execution);
    Long caseId = id(execution, CASE_ID);
    if (caseId != null) { // a step of a case on the order: the order's own status stays what its order flow says
      openStageInstance(execution, orderId, caseId, stage, due, now);
      journey.record(orderId, "case_step", stage, null, null, actor, "case " + caseId, now);
      return;
    }
    if (ResumedStage.of(execution).isPresent()) {
      openStageInstance(execution, orderId, null, stage, due, now); // the history up to here was imported already
      return;
    }
    String previous = previousStatus(execution.getProcessInstanceId(), orderId);
    jdbc.sql("""
        insert into order_status_events (order_id, from_status, to_status, activity_id, changed_by, changed_at)
        values (:orderId, :previous, :stage, :activityId, :actor, :at)""")
        .param("orderId", orderId).param("previous", previous).param("stage", stage)
        .param("activityId", execution.getCurrentActivityId()).param("actor", actor).param("at", now).update();
    openStageInstance(execution, orderId, null, stage, due, now);
    journey.record(orderId, "status_changed", stage, previous, stage, actor, null, now);
    events.publishEvent(new StageEntered(orderId, stage, previous, actor, now)); // the order's status, the activity
    events.publishEvent(new StageEvents.StageChanged(orderId, previous, stage, execution.getCurrentActivityId(),
        actor, execution.getBpmnModelElementInstance() instanceof EndEvent, now));
  }

  /** The order's status before this stage: the stage its process left in this command, else its last status event. */
  private String previousStatus(String processInstanceId, long orderId) {
    String left = justLeft.take(processInstanceId);
    return left != null ? left : jdbc.sql("""
        select to_status from order_status_events where order_id = :orderId order by id desc
        fetch first 1 rows only""").param("orderId", orderId).query(String.class).optional().orElse(null);
  }

  /** The open stage instance of a visit: of the order, or of a case on it ({@code caseId}). */
  private void openStageInstance(DelegateExecution execution, long orderId, Long caseId, String stage,
      Optional<StagePolicy.StageDue> due, OffsetDateTime now) {
    jdbc.sql("""
        insert into crm_order_stage_instances (order_id, case_id, stage, process_instance_id, activity_id,
          activity_instance_id, clock_owner, entered_at, sla_due_at, sla_calendar, counts_against_manager,
          sla_explanation)
        values (:orderId, :caseId, :stage, :processInstanceId, :activityId, :activityInstanceId, :clockOwner,
          :enteredAt, :dueAt, :calendar, :countsAgainstManager, :explanation)""")
        .param("orderId", orderId).param("caseId", caseId).param("stage", stage)
        .param("processInstanceId", execution.getProcessInstanceId())
        .param("activityId", execution.getCurrentActivityId())
        .param("activityInstanceId", execution.getActivityInstanceId())
        .param("clockOwner", due.map(StagePolicy.StageDue::clockOwner).orElse(null)).param("enteredAt", now)
        .param("dueAt", due.map(d -> at(d.dueAt())).orElse(null))
        .param("calendar", due.map(StagePolicy.StageDue::calendarId).orElse(null))
        .param("countsAgainstManager", due.map(StagePolicy.StageDue::countsAgainstManager).orElse(false))
        .param("explanation", due.map(StagePolicy.StageDue::explanation).orElse(null)).update();
  }

  void left(DelegateExecution execution) {
    List<OpenVisit> open = jdbc.sql("""
        select id, stage, case_id, entered_at, on_hold from crm_order_stage_instances
        where activity_instance_id = :activityInstanceId and left_at is null""")
        .param("activityInstanceId", execution.getActivityInstanceId()).query(OpenVisit.class).list();
    if (open.isEmpty()) {
      return;
    }
    OpenVisit visit = open.get(0);
    if (visit.caseId() == null) {
      justLeft.put(execution.getProcessInstanceId(), visit.stage());
    }
    OffsetDateTime now = now();
    events.publishEvent(new StageLeft(visit.id(), actor(execution), now, visit.onHold()));
    jdbc.sql("""
        update crm_order_stage_instances set left_at = :now, duration_seconds = :seconds, on_hold = false
        where activity_instance_id = :activityInstanceId and left_at is null""")
        .param("now", now).param("seconds", Duration.between(visit.enteredAt(), now).toSeconds())
        .param("activityInstanceId", execution.getActivityInstanceId()).update();
  }

  /** An SLA timer of the stage's wait state fired: mark the stage instance, log it, notify (once per level). */
  void slaTimerFired(DelegateExecution execution, SlaEvent event) {
    Long orderId = orderId(execution);
    if (orderId == null) {
      return;
    }
    OffsetDateTime now = now();
    String open = "process_instance_id = :processInstanceId and activity_id = :activityId and left_at is null";
    String mark = event.isWarning()
        ? "update crm_order_stage_instances set sla_warned_at = :now where " + open + " and sla_warned_at is null"
        : event.isBreach()
            ? "update crm_order_stage_instances set is_sla_breached = true, sla_breached_at = :now, "
                + "escalation_level = 1 where " + open + " and is_sla_breached = false"
            : "update crm_order_stage_instances set escalation_level = :level where " + open
                + " and escalation_level < :level";
    int marked = jdbc.sql(mark).param("now", now).param("level", event.level())
        .param("processInstanceId", execution.getProcessInstanceId()).param("activityId", event.activityId())
        .update();
    if (marked > 0) {
      String type = event.isWarning() ? "sla_warned" : event.isBreach() ? "sla_breached" : "sla_escalated";
      journey.record(orderId, type, event.stage(), null, null, "system",
          "SLA of " + event.activityId() + (event.isWarning() ? " warned" : " level " + event.level()), now);
      jdbc.sql("select sla_due_at, clock_owner from crm_order_stage_instances where " + open)
          .param("processInstanceId", execution.getProcessInstanceId()).param("activityId", event.activityId())
          .query(MarkedSla.class).list()
          .forEach(sla -> events.publishEvent(new StageEvents.SlaMarked(orderId, event.stage(), event.activityId(),
              event.kind(), event.level(), sla.slaDueAt(), sla.clockOwner(), now)));
    }
    notifier.notify(execution, orderId, event);
  }

  /** The SLA the open stage instance of an activity instance records (clock start, due date after any hold). */
  Optional<StagePolicy.StageDue> recordedDue(String activityInstanceId) {
    return jdbc.sql("""
        select entered_at, sla_due_at, clock_owner, sla_calendar, counts_against_manager, sla_explanation
        from crm_order_stage_instances
        where activity_instance_id = :activityInstanceId and left_at is null and sla_due_at is not null""")
        .param("activityInstanceId", activityInstanceId).query(RecordedDue.class).list().stream().findFirst()
        .map(RecordedDue::due);
  }

  private static Date date(OffsetDateTime at) {
    return Date.from(at.toInstant());
  }

  /**
   * A migrated activity instance: its open stage instance now belongs to the target activity (found through the
   * process instance index: a scan per migrated instance made a 10,000-order migration quadratic).
   */
  void activityMigrated(String processInstanceId, String activityInstanceId, String activityId) {
    jdbc.sql("""
        update crm_order_stage_instances set activity_id = :activityId
        where process_instance_id = :processInstanceId and activity_instance_id = :activityInstanceId
          and left_at is null""")
        .param("activityId", activityId).param("processInstanceId", processInstanceId)
        .param("activityInstanceId", activityInstanceId).update();
  }

  /**
   * A migrated process instance: a journey event naming both versions. Called before the engine flushes the
   * migration, so the history row still names the source definition.
   */
  void processMigrated(String processInstanceId, String targetDefinitionId) {
    List<Long> orders = jdbc.sql("select id from orders where process_instance_id = :processInstanceId")
        .param("processInstanceId", processInstanceId).query(Long.class).list();
    if (orders.isEmpty()) {
      return;
    }
    String source = jdbc.sql("select PROC_DEF_ID_ from ACT_HI_PROCINST where PROC_INST_ID_ = :processInstanceId")
        .param("processInstanceId", processInstanceId).query(String.class).list().stream().findFirst().orElse(null);
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
    return SharedVariables.ORDER_ID.from(scope);
  }

  private static Long id(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
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
