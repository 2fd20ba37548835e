package com.cjmflow.order360;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads {@code crm_manager_workload_live_v} plus the breakdown of a manager's open work. */
@Component
public class ManagerWorkload {

  public record Workload(String managerId, long openTasks, long overdueTasks, long openFollowups,
      long overdueFollowups, long breachesToday, long openReplyWindows, long stalledOrders,
      List<StageCount> openTasksByStage, List<OverdueTask> overdue) {}

  public record StageCount(String stage, long openTasks) {}

  public record OverdueTask(String taskId, Long orderId, String name, String stage, OffsetDateTime dueAt) {}

  /** The counters of {@code crm_manager_workload_live_v}; a manager without a row has zeros. */
  private record Counts(long openTasks, long overdueTasks, long openFollowups, long overdueFollowups,
      long breachesToday, long openReplyWindows, long stalledOrders) {

    static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0);
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
    return new Workload(managerId, c.openTasks(), c.overdueTasks(), c.openFollowups(), c.overdueFollowups(),
        c.breachesToday(), c.openReplyWindows(), c.stalledOrders(), byStage, overdue);
  }
}
