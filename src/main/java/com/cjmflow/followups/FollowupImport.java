package com.cjmflow.followups;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.BatchInsert;

/**
 * Bulk import of follow-ups from another system (the legacy CRM backfill): one JDBC batch. {@code taskId} is the
 * source system's key (no Camunda task stands behind an imported follow-up); done ones are completed, on time or
 * late against their due date.
 */
@Component
public class FollowupImport {

  public record NewFollowup(String taskId, Long orderId, Long customerId, String managerId, String subject,
      OffsetDateTime dueAt, OffsetDateTime completedAt, OffsetDateTime createdAt) {}

  private final JdbcTemplate jdbc;

  FollowupImport(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<Long> insert(List<NewFollowup> followups) {
    List<Object[]> rows = new ArrayList<>(followups.size());
    for (NewFollowup f : followups) {
      boolean done = f.completedAt() != null;
      rows.add(new Object[] {f.taskId(), f.orderId(), f.customerId(), f.managerId(), f.subject(), f.dueAt(),
          done ? "completed" : "open", f.completedAt(), done ? f.managerId() : null,
          done ? !f.completedAt().isAfter(f.dueAt()) : null, f.managerId(), f.createdAt()});
    }
    return BatchInsert.returningIds(jdbc, """
        insert into crm_manager_followups (task_id, order_id, customer_id, manager_id, subject, due_at, status,
          completed_at, completed_by, completed_on_time, origin, created_by, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'manager', ?, ?)""", rows);
  }

  /**
   * Updates follow-ups imported before with what the source says now; one still open here that the source has done
   * since is completed (one completed here stays as it was completed). Returns the follow-ups this completed.
   */
  public List<NewFollowup> update(List<Long> ids, List<NewFollowup> followups) {
    List<Object[]> rows = new ArrayList<>(followups.size());
    List<Object[]> completions = new ArrayList<>();
    List<NewFollowup> completing = new ArrayList<>();
    for (int i = 0; i < followups.size(); i++) {
      NewFollowup f = followups.get(i);
      rows.add(new Object[] {f.orderId(), f.customerId(), f.managerId(), f.subject(), f.dueAt(), ids.get(i)});
      if (f.completedAt() != null) {
        completions.add(new Object[] {f.completedAt(), f.managerId(), !f.completedAt().isAfter(f.dueAt()), ids.get(i)});
        completing.add(f);
      }
    }
    BatchInsert.rows(jdbc, """
        update crm_manager_followups set order_id = ?, customer_id = ?, manager_id = ?, subject = ?, due_at = ?
        where id = ?""", rows);
    List<NewFollowup> completed = new ArrayList<>();
    int[][] counts = jdbc.batchUpdate("""
        update crm_manager_followups set status = 'completed', completed_at = ?, completed_by = ?,
          completed_on_time = ?
        where id = ? and status = 'open'""", completions, BatchInsert.CHUNK, (ps, row) -> {
          for (int c = 0; c < row.length; c++) {
            ps.setObject(c + 1, row[c]);
          }
        });
    int n = 0;
    for (int[] chunk : counts) {
      for (int count : chunk) {
        if (count > 0) {
          completed.add(completing.get(n));
        }
        n++;
      }
    }
    return completed;
  }
}
