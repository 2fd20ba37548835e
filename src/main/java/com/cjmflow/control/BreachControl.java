package com.cjmflow.control;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

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

  private final JdbcTemplate jdbc;

  BreachControl(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Newest breaches first; {@code now} measures how late the open ones are. */
  public Page<Breach> list(Query query, OffsetDateTime now) {
    Where where = new Where().and("is_open = ?", query.open()).and("party = ?", query.party())
        .and("stage = ?", query.stage()).and("manager_id = ?", query.managerId()).and("kind = ?", query.kind())
        .and("breached_at >= ?", query.from()).and("breached_at < ?", query.to());
    long total = jdbc.queryForObject("select count(*) from crm_sla_breaches_v" + where.sql(), Long.class,
        where.args());
    List<Breach> items = jdbc.query("select * from crm_sla_breaches_v" + where.sql()
        + " order by breached_at desc, breach_id offset ? rows fetch next ? rows only", (rs, i) -> {
          OffsetDateTime due = rs.getObject("due_at", OffsetDateTime.class);
          OffsetDateTime resolved = rs.getObject("resolved_at", OffsetDateTime.class);
          OffsetDateTime until = resolved != null ? resolved : now;
          long late = due == null ? 0 : Math.max(0, Duration.between(due, until).toSeconds());
          return new Breach(rs.getString("breach_id"), rs.getString("kind"), rs.getLong("ref_id"),
              (Long) rs.getObject("order_id", Long.class), (Long) rs.getObject("customer_id", Long.class),
              rs.getString("stage"), rs.getString("party"), rs.getString("manager_id"), due,
              rs.getObject("breached_at", OffsetDateTime.class), resolved, rs.getBoolean("is_open"),
              rs.getInt("escalation_level"), late);
        }, where.pageArgs(query.page(), query.size()));
    return new Page<>(items, query.page(), query.size(), total);
  }
}
