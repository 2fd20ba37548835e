package com.cjmflow.order360;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads {@code crm_manager_workload_live_v} plus the breakdown of a manager's open work. */
@Component
public class ManagerWorkload {

  public record Workload(String managerId, long openTasks, long overdueTasks, long openFollowups,
      long overdueFollowups, long breachesToday, long openReplyWindows, long stalledOrders, long delayedOrders,
      List<StageCount> openTasksByStage, List<OverdueTask> overdue, List<DelayedOrder> delays) {}

  public record StageCount(String stage, long openTasks) {}

  public record OverdueTask(String taskId, Long orderId, String name, String stage, OffsetDateTime dueAt) {}

  /**
   * An order of the manager whose open stage ran past its SLA on an outside party's clock: whose clock
   * ({@code party}: client, seller, carrier, …), in which stage, breached since, due at.
   */
  @io.swagger.v3.oas.annotations.media.Schema(name = "WorkloadDelayedOrder")
  public record DelayedOrder(long orderId, String party, String stage, OffsetDateTime since, OffsetDateTime dueAt) {}

  /** The counters of {@code crm_manager_workload_live_v}; a manager without a row has zeros. */
  private record Counts(long openTasks, long overdueTasks, long openFollowups, long overdueFollowups,
      long breachesToday, long openReplyWindows, long stalledOrders, long delayedOrders) {

    static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, 0);
  }

  private final JdbcClient jdbc;

  ManagerWorkload(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A manager with no work yet has a workload of zeros. */
  public Workload of(String managerId) {
    Counts c = jdbc.sql("select * from crm_manager_workload_live_v where manager_id = :managerId")
        .param("managerId", managerId).query(Counts.class).list().stream().findFirst().orElse(Counts.NONE);
    List<StageCount> byStage = jdbc.sql("""
        select coalesce(stage, activity_id) as stage, count(*) as open_tasks from tasks
        where assignee = :managerId and completed_at is null group by coalesce(stage, activity_id)
        order by 2 desc, 1""").param("managerId", managerId).query(StageCount.class).list();
    List<OverdueTask> overdue = jdbc.sql("""
        select task_id, order_id, name, stage, due_at from tasks
        where assignee = :managerId and completed_at is null and due_at < current_timestamp
        order by due_at fetch first 50 rows only""").param("managerId", managerId).query(OverdueTask.class).list();
    List<DelayedOrder> delays = jdbc.sql("""
        select s.order_id, s.clock_owner as party, s.stage, s.sla_breached_at as since, s.sla_due_at as due_at
          from crm_order_stage_instances s join orders o on o.id = s.order_id
         where o.manager_id = :managerId and s.left_at is null and s.is_sla_breached
           and s.clock_owner is not null and s.clock_owner <> 'manager'
         order by s.sla_breached_at, s.id fetch first 50 rows only""").param("managerId", managerId)
        .query(DelayedOrder.class).list();
    return new Workload(managerId, c.openTasks(), c.overdueTasks(), c.openFollowups(), c.overdueFollowups(),
        c.breachesToday(), c.openReplyWindows(), c.stalledOrders(), c.delayedOrders(), byStage, overdue, delays);
  }
}
