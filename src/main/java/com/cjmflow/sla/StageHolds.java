package com.cjmflow.sla;

import java.time.OffsetDateTime;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.cjmflow.platform.AsSystem;
import com.cjmflow.platform.DomainException;
import com.cjmflow.sla.process.HoldVariables;

/** "Waiting for the client": puts an order's stage on hold through the hold process, and resumes it. */
@Service
public class StageHolds {

  public static final String MESSAGE = "StageHoldRequested";

  public record Pause(long id, long stageInstanceId, String stage, String reason, OffsetDateTime startedAt,
      String startedBy, Long remainingSeconds, OffsetDateTime endedAt, String endedBy) {}

  private final SlaClock clock;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final JdbcClient jdbc;
  private final AsSystem asSystem;

  StageHolds(SlaClock clock, RuntimeService runtime, TaskService tasks, JdbcClient jdbc, AsSystem asSystem) {
    this.clock = clock;
    this.runtime = runtime;
    this.tasks = tasks;
    this.jdbc = jdbc;
    this.asSystem = asSystem;
  }

  /** 409 when the order has no stage with a running SLA clock, or it is on hold already. */
  @Transactional
  public Pause hold(long orderId, String reason, String by) {
    SlaClock.RunningStage stage = clock.stageOf(orderId)
        .orElseThrow(() -> new DomainException.StateConflict("Order " + orderId + " has no stage with a running SLA clock"));
    if (stage.onHold()) {
      throw new DomainException.StateConflict("Order " + orderId + " is on hold already");
    }
    asSystem.run(() -> runtime.createMessageCorrelation(MESSAGE).processInstanceBusinessKey("hold-" + orderId)
        .setVariables(HoldVariables.started(orderId, reason, by))
        .correlateStartMessage());
    return pauses(orderId).get(0);
  }

  /** Completes the hold's "resume" task, as Tasklist would; 409 when the order is not on hold. */
  @Transactional
  public Pause resume(long orderId, String by) {
    List<String> holds = jdbc.sql("""
        select hold_process_instance_id from crm_stage_pauses where order_id = :orderId and ended_at is null
        order by started_at, id""").param("orderId", orderId).query(String.class).list();
    // The open pause is the lock: a parallel resume (a double click, Tasklist) waits here, then finds it closed.
    if (holds.isEmpty() || jdbc.sql("update crm_stage_pauses set ended_by = ended_by"
        + " where hold_process_instance_id = :hold and ended_at is null").param("hold", holds.get(0)).update() == 0) {
      throw new DomainException.StateConflict("Order " + orderId + " is not on hold");
    }
    asSystem.run(() -> {
      Task resume = tasks.createTaskQuery().processInstanceId(holds.get(0)).singleResult();
      if (resume == null) {
        throw new DomainException.StateConflict("Order " + orderId + " was resumed at the same time");
      }
      tasks.complete(resume.getId(), HoldVariables.RESUMED_BY.put(Variables.createVariables(), by));
    });
    return pauses(orderId).get(0);
  }

  /** Whether the order exists (a read of {@code orders}, owned by orderflow). */
  public boolean orderExists(long orderId) {
    return jdbc.sql("select count(*) from orders where id = :orderId").param("orderId", orderId)
        .query(Integer.class).single() > 0;
  }

  /** The pause ledger of an order, newest first. */
  public List<Pause> pauses(long orderId) {
    return jdbc.sql("""
        select p.id, p.stage_instance_id, s.stage, p.reason, p.started_at, p.started_by, p.remaining_seconds,
               p.ended_at, p.ended_by
          from crm_stage_pauses p join crm_order_stage_instances s on s.id = p.stage_instance_id
         where p.order_id = :orderId order by p.started_at desc, p.id desc""")
        .param("orderId", orderId).query(Pause.class).list();
  }
}
