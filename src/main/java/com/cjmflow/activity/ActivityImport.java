package com.cjmflow.activity;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.ActorKind;
import com.cjmflow.platform.BatchInsert;

/**
 * Bulk import of manager actions from another system's history (the legacy CRM backfill): status changes made by a
 * person, follow-ups done. One JDBC batch; {@code source} names the system the action was read from.
 */
@Component
public class ActivityImport {

  public record Action(String managerId, String action, long orderId, Long customerId, String taskId,
      String property, String before, String after, String source, OffsetDateTime occurredAt) {}

  private final JdbcTemplate jdbc;

  ActivityImport(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(List<Action> actions) {
    List<Object[]> rows = new ArrayList<>(actions.size());
    for (Action a : actions) {
      rows.add(new Object[] {a.managerId(), ActorKind.MANAGER, a.action(), a.orderId(), a.customerId(), a.taskId(),
          a.property(), a.before(), a.after(), a.source(), a.occurredAt()});
    }
    BatchInsert.rows(jdbc, """
        insert into manager_activity_events (manager_id, actor_kind, action, order_id, customer_id, task_id, property,
          before_value, after_value, source, occurred_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
  }
}
