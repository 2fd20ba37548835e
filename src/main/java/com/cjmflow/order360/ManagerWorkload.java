package com.cjmflow.order360;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads {@code crm_manager_workload_live_v} plus the breakdown of a manager's open work. */
@Component
public class ManagerWorkload {

  public record Workload(String managerId, long openTasks, long overdueTasks, long openFollowups,
      long overdueFollowups, long breachesToday, long openReplyWindows, long stalledOrders,
      List<StageCount> openTasksByStage, List<OverdueTask> overdue) {}

  public record StageCount(String stage, long openTasks) {}

  public record OverdueTask(String taskId, Long orderId, String name, String stage, OffsetDateTime dueAt) {}

  private final JdbcTemplate jdbc;

  ManagerWorkload(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A manager with no work yet has a workload of zeros. */
  public Workload of(String managerId) {
    List<long[]> counts = jdbc.query("select * from crm_manager_workload_live_v where manager_id = ?", (rs, i) ->
        new long[] {rs.getLong("open_tasks"), rs.getLong("overdue_tasks"), rs.getLong("open_followups"),
            rs.getLong("overdue_followups"), rs.getLong("breaches_today"), rs.getLong("open_reply_windows"),
            rs.getLong("stalled_orders")},
        managerId);
    long[] c = counts.isEmpty() ? new long[7] : counts.get(0);
    List<StageCount> byStage = jdbc.query("""
        select coalesce(stage, activity_id) as stage, count(*) as open_tasks from tasks
        where assignee = ? and completed_at is null group by coalesce(stage, activity_id) order by 2 desc, 1""",
        (rs, i) -> new StageCount(rs.getString("stage"), rs.getLong("open_tasks")), managerId);
    List<OverdueTask> overdue = jdbc.query("""
        select task_id, order_id, name, stage, due_at from tasks
        where assignee = ? and completed_at is null and due_at < current_timestamp
        order by due_at fetch first 50 rows only""",
        (rs, i) -> new OverdueTask(rs.getString("task_id"), (Long) rs.getObject("order_id", Long.class),
            rs.getString("name"), rs.getString("stage"), rs.getObject("due_at", OffsetDateTime.class)), managerId);
    return new Workload(managerId, c[0], c[1], c[2], c[3], c[4], c[5], c[6], byStage, overdue);
  }
}
