package com.cjmflow.control;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

/** Manager actions over {@code crm_manager_activity_v}: managers, integrations and the system, newest first. */
@Service
public class ActivityControl {

  /** Filters (null = any): the actor, its kind (manager | integration | system), the order, the action. */
  public record Query(String managerId, String actorKind, Long orderId, String kind, OffsetDateTime from,
      OffsetDateTime to, int page, int size) {}

  public record Activity(long id, String actorId, String actorKind, String action, Long orderId, Long customerId,
      String taskId, String property, String beforeValue, String afterValue, String source,
      OffsetDateTime occurredAt) {}

  private static final RowMapper<Activity> ROW = (rs, i) -> new Activity(rs.getLong("id"), rs.getString("actor_id"),
      rs.getString("actor_kind"), rs.getString("action"), (Long) rs.getObject("order_id", Long.class),
      (Long) rs.getObject("customer_id", Long.class), rs.getString("task_id"), rs.getString("property"),
      rs.getString("before_value"), rs.getString("after_value"), rs.getString("source"),
      rs.getObject("occurred_at", OffsetDateTime.class));

  private final JdbcTemplate jdbc;

  ActivityControl(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Page<Activity> list(Query query) {
    Where where = new Where().and("actor_id = ?", query.managerId()).and("actor_kind = ?", query.actorKind())
        .and("order_id = ?", query.orderId()).and("action = ?", query.kind())
        .and("occurred_at >= ?", query.from()).and("occurred_at < ?", query.to());
    long total = jdbc.queryForObject("select count(*) from crm_manager_activity_v" + where.sql(), Long.class,
        where.args());
    List<Activity> items = jdbc.query("select * from crm_manager_activity_v" + where.sql()
        + " order by occurred_at desc, id desc offset ? rows fetch next ? rows only", ROW,
        where.pageArgs(query.page(), query.size()));
    return new Page<>(items, query.page(), query.size(), total);
  }
}
