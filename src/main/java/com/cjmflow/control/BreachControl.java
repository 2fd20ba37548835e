package com.cjmflow.control;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.cjmflow.platform.Page;
import com.cjmflow.platform.PagedQuery;

/**
 * Breaches and delays over {@code crm_sla_breaches_v}: stage SLAs (the manager's or an outside party's clock) and
 * reply windows, each with how late it is (or was when resolved), whose clock and the escalation level reached.
 */
@Service
public class BreachControl {

  /** Filters (null = any); {@code from}/{@code to} bound the breach time (from inclusive, to exclusive). */
  public record Query(Boolean open, String party, String stage, String managerId, String kind, OffsetDateTime from,
      OffsetDateTime to, int page, int size) {}

  public record Breach(String breachId, String kind, long refId, Long orderId, Long customerId, String stage,
      String party, String managerId, OffsetDateTime dueAt, OffsetDateTime breachedAt, OffsetDateTime resolvedAt,
      boolean open, int escalationLevel, long lateSeconds) {}

  /** A row of the view as it is; {@link #breach} adds how late. */
  record Row(String breachId, String kind, long refId, Long orderId, Long customerId, String stage,
      String party, String managerId, OffsetDateTime dueAt, OffsetDateTime breachedAt, OffsetDateTime resolvedAt,
      boolean isOpen, int escalationLevel) {}

  private final JdbcClient jdbc;

  BreachControl(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Newest breaches first; {@code now} measures how late the open ones are. */
  public Page<Breach> list(Query query, OffsetDateTime now) {
    Page<Row> rows = PagedQuery.from("from crm_sla_breaches_v").whereIf(query.open(), "is_open = ?")
        .whereIf(query.party(), "party = ?").whereIf(query.stage(), "stage = ?")
        .whereIf(query.managerId(), "manager_id = ?").whereIf(query.kind(), "kind = ?")
        .whereIf(query.from(), "breached_at >= ?").whereIf(query.to(), "breached_at < ?")
        .page(jdbc, "select *", "breached_at desc, breach_id", Row.class, query.page(), query.size());
    return new Page<>(rows.items().stream().map(row -> breach(row, now)).toList(), rows.page(), rows.size(),
        rows.total());
  }

  private static Breach breach(Row row, OffsetDateTime now) {
    OffsetDateTime until = row.resolvedAt() != null ? row.resolvedAt() : now;
    long late = row.dueAt() == null ? 0 : Math.max(0, Duration.between(row.dueAt(), until).toSeconds());
    return new Breach(row.breachId(), row.kind(), row.refId(), row.orderId(), row.customerId(), row.stage(),
        row.party(), row.managerId(), row.dueAt(), row.breachedAt(), row.resolvedAt(), row.isOpen(),
        row.escalationLevel(), late);
  }
}
