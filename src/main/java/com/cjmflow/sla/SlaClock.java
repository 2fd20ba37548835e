package com.cjmflow.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import com.cjmflow.platform.BoundaryTimers;
import com.cjmflow.platform.DomainException;
import com.cjmflow.platform.EngineClock;
import com.cjmflow.platform.EngineContext;
import com.cjmflow.stage.StageInstances;
import com.cjmflow.stage.StageLeft;

/**
 * Stops and restarts a stage's SLA clock (the pause ledger {@code crm_stage_pauses}). Pausing keeps the business time
 * left and suspends the stage's SLA timers; resuming moves every timer, the stage instance and the task due date by
 * the paused time, in the stage's business calendar. Runs inside the engine transaction of the hold process.
 */
@Service
public class SlaClock {

  /** The open stage with a running SLA clock, as read from the stage instances. */
  public record RunningStage(long stageInstanceId, long orderId, String stage, String processInstanceId,
      String activityId, String activityInstanceId, OffsetDateTime dueAt, String calendar, boolean onHold) {}

  private record OpenPause(OffsetDateTime startedAt, String reason) {}

  private final JdbcClient jdbc;
  private final StageSla sla;
  private final StageInstances stages;

  SlaClock(JdbcClient jdbc, StageSla sla, StageInstances stages) {
    this.jdbc = jdbc;
    this.sla = sla;
    this.stages = stages;
  }

  /** The stage ended while on hold: its open pause ends with it (in the step's transaction). */
  @EventListener
  void on(StageLeft left) {
    if (!left.onHold()) {
      return; // a pause is only open while its stage is on hold (both are written in one transaction)
    }
    jdbc.sql("""
        update crm_stage_pauses set ended_at = :at, ended_by = :actor
        where ended_at is null and stage_instance_id = :stageInstanceId""")
        .param("at", left.at()).param("actor", left.actor()).param("stageInstanceId", left.stageInstanceId())
        .update();
  }

  /** The order's open stage whose SLA clock could be paused or resumed. */
  public Optional<RunningStage> stageOf(long orderId) {
    return jdbc.sql("""
        select id as stage_instance_id, order_id, stage, process_instance_id, activity_id, activity_instance_id,
               sla_due_at as due_at, sla_calendar as calendar, on_hold
          from crm_order_stage_instances
         where order_id = :orderId and left_at is null and sla_due_at is not null
         order by entered_at desc, id desc""")
        .param("orderId", orderId).query(RunningStage.class).list().stream().findFirst();
  }

  /** Stops the clock: the remaining business time is kept, the stage's SLA timers are suspended. */
  public void pause(ProcessEngineServices engine, long orderId, String reason, String by,
      String holdProcessInstanceId) {
    // the state may have changed since the caller looked (a parallel hold committed, the stage ended): a conflict
    RunningStage stage = stageOf(orderId).orElseThrow(() -> new DomainException.StateConflict(
        "Order " + orderId + " has no stage with a running SLA clock"));
    if (stage.onHold() || !stages.putOnHold(stage.stageInstanceId())) {
      throw new DomainException.StateConflict("Order " + orderId + " is on hold already");
    }
    Instant now = EngineClock.now().toInstant();
    Duration left = calendar(stage).between(now, stage.dueAt().toInstant());
    jdbc.sql("""
        insert into crm_stage_pauses (stage_instance_id, order_id, reason, started_at, started_by, remaining_seconds,
          hold_process_instance_id)
        values (:stageInstanceId, :orderId, :reason, :startedAt, :by, :remaining, :hold)""")
        .param("stageInstanceId", stage.stageInstanceId()).param("orderId", orderId).param("reason", reason)
        .param("startedAt", at(now)).param("by", by).param("remaining", left.toSeconds())
        .param("hold", holdProcessInstanceId).update();
    slaTimers(stage).forEach(BoundaryTimers.Timer::suspend);
  }

  /** Restarts the clock: every SLA timer of the stage moves by the paused time, in business time. */
  public void resume(ProcessEngineServices engine, long orderId, String by) {
    Optional<RunningStage> running = stageOf(orderId).filter(RunningStage::onHold);
    if (running.isEmpty()) {
      return; // the stage ended while on hold: its pause was closed with it
    }
    RunningStage stage = running.get();
    // The earliest open pause is when the clock stopped (before the hold lock existed, a double click left two).
    Optional<OpenPause> open = jdbc.sql("""
        select started_at, reason from crm_stage_pauses where stage_instance_id = :stageInstanceId and ended_at is null
        order by started_at, id""").param("stageInstanceId", stage.stageInstanceId()).query(OpenPause.class).list()
        .stream().findFirst();
    if (open.isEmpty()) {
      stages.release(stage.stageInstanceId());
      slaTimers(stage).forEach(timer -> timer.activate(timer.dueDate()));
      return;
    }
    OpenPause pause = open.get();
    Instant pausedAt = pause.startedAt().toInstant();
    Instant now = EngineClock.now().toInstant();
    SlaCalendar calendar = calendar(stage);
    Instant newDue = calendar.plusWorkingTime(now, calendar.between(pausedAt, stage.dueAt().toInstant()));
    for (BoundaryTimers.Timer timer : slaTimers(stage)) {
      timer.activate(Date.from(calendar.plusWorkingTime(now, calendar.between(pausedAt, timer.dueDate().toInstant()))));
    }
    EngineContext.withoutAuthorization(() -> {
      for (Task task : engine.getTaskService().createTaskQuery().processInstanceId(stage.processInstanceId())
          .taskDefinitionKey(stage.activityId()).list()) {
        task.setDueDate(Date.from(newDue));
        engine.getTaskService().saveTask(task);
      }
    });
    jdbc.sql("""
        update crm_stage_pauses set ended_at = :at, ended_by = :by
        where stage_instance_id = :stageInstanceId and ended_at is null""")
        .param("at", at(now)).param("by", by).param("stageInstanceId", stage.stageInstanceId()).update();
    stages.resume(stage.stageInstanceId(), at(newDue), "; on hold " + at(pausedAt) + " – " + at(now) + " ("
        + pause.reason() + "), due moved to " + at(newDue));
  }

  private SlaCalendar calendar(RunningStage stage) {
    return sla.calendar(stage.calendar() == null ? "always" : stage.calendar());
  }

  /** The timers of the boundary events attached to the stage's wait state, as entities of this command. */
  private static List<BoundaryTimers.Timer> slaTimers(RunningStage stage) {
    return BoundaryTimers.attachedTo(stage.processInstanceId(), stage.activityId());
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
