package com.cjmflow.control;

import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.cjmflow.platform.Page;
import com.cjmflow.platform.PagedQuery;

/** Manager actions over {@code crm_manager_activity_v}: managers, integrations and the system, newest first. */
@Service
public class ActivityControl {

  /** Filters (null = any): the actor, its kind (manager | integration | system), the order, the action. */
  public record Query(String managerId, String actorKind, Long orderId, String kind, OffsetDateTime from,
      OffsetDateTime to, int page, int size) {}

  public record Activity(long id, String actorId, String actorKind, String action, Long orderId, Long customerId,
      String taskId, String property, String beforeValue, String afterValue, String source,
      OffsetDateTime occurredAt) {}

  private final JdbcClient jdbc;

  ActivityControl(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Page<Activity> list(Query query) {
    return PagedQuery.from("from crm_manager_activity_v").whereIf(query.managerId(), "actor_id = ?")
        .whereIf(query.actorKind(), "actor_kind = ?").whereIf(query.orderId(), "order_id = ?")
        .whereIf(query.kind(), "action = ?").whereIf(query.from(), "occurred_at >= ?")
        .whereIf(query.to(), "occurred_at < ?")
        .page(jdbc, "select *", "occurred_at desc, id desc", Activity.class, query.page(), query.size());
  }
}
