package com.cjmflow.control;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

/** The order list over {@code crm_order_control_v}: every order with its current stage and SLA state. */
@Service
public class OrderControl {

  /** Sort keys of the list (a leading {@code -} sorts descending) and their columns. */
  public static final Map<String, String> SORTS = Map.of("createdAt", "created_at", "stageEnteredAt",
      "stage_entered_at", "slaDueAt", "sla_due_at", "escalationLevel", "escalation_level", "id", "order_id");

  /** Filters (null = any); {@code from}/{@code to} bound the booking time (from inclusive, to exclusive). */
  public record Query(String status, String stage, String managerId, Long customerId, Boolean breached,
      Boolean stalled, String delayedParty, OffsetDateTime from, OffsetDateTime to, String sort, int page, int size) {}

  /** The current stage's SLA: due, warned, breached (with the escalation level reached) and whose clock runs. */
  public record Sla(String state, OffsetDateTime dueAt, OffsetDateTime warnedAt, boolean breached,
      OffsetDateTime breachedAt, int escalationLevel, String clockOwner, boolean onHold) {}

  public record OpenTask(String taskId, String name, String assignee, String candidateGroups,
      OffsetDateTime dueAt) {}

  public record OrderRow(long orderId, String externalId, String status, long customerId, String customerName,
      String customerTier, String managerId, OffsetDateTime createdAt, String currentStage,
      OffsetDateTime stageEnteredAt, Sla sla, String delayedParty, long openTaskCount, List<OpenTask> openTasks,
      boolean stalled, OffsetDateTime stalledSince, String stallReason, boolean open) {}

  private static final RowMapper<OrderRow> ROW = (rs, i) -> new OrderRow(rs.getLong("order_id"),
      rs.getString("external_id"), rs.getString("status"), rs.getLong("customer_id"), rs.getString("customer_name"),
      rs.getString("customer_tier"), rs.getString("manager_id"), rs.getObject("created_at", OffsetDateTime.class),
      rs.getString("current_stage"), rs.getObject("stage_entered_at", OffsetDateTime.class),
      new Sla(rs.getString("sla_state"), rs.getObject("sla_due_at", OffsetDateTime.class),
          rs.getObject("sla_warned_at", OffsetDateTime.class), rs.getBoolean("is_sla_breached"),
          rs.getObject("sla_breached_at", OffsetDateTime.class), rs.getInt("escalation_level"),
          rs.getString("clock_owner"), rs.getBoolean("on_hold")),
      rs.getString("delayed_party"), rs.getLong("open_tasks"), List.of(), rs.getBoolean("is_stalled"),
      rs.getObject("stalled_since", OffsetDateTime.class), rs.getString("stall_reason"), rs.getBoolean("is_open"));

  private final JdbcTemplate jdbc;

  OrderControl(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Page<OrderRow> list(Query query) {
    Where where = new Where().and("status = ?", query.status()).and("current_stage = ?", query.stage())
        .and("manager_id = ?", query.managerId()).and("customer_id = ?", query.customerId())
        .and("is_sla_breached = ?", query.breached()).and("is_stalled = ?", query.stalled())
        .and("delayed_party = ?", query.delayedParty()).and("created_at >= ?", query.from())
        .and("created_at < ?", query.to());
    long total = jdbc.queryForObject("select count(*) from crm_order_control_v" + where.sql(), Long.class,
        where.args());
    List<OrderRow> rows = jdbc.query("select * from crm_order_control_v" + where.sql() + " order by "
        + orderBy(query.sort()) + " offset ? rows fetch next ? rows only", ROW,
        where.pageArgs(query.page(), query.size()));
    Map<Long, List<OpenTask>> tasks = openTasks(rows);
    return new Page<>(rows.stream().map(row -> withTasks(row, tasks.getOrDefault(row.orderId(), List.of())))
        .toList(), query.page(), query.size(), total);
  }

  /** {@code -createdAt} → {@code created_at desc, order_id desc}; null means newest bookings first. */
  static String orderBy(String sort) {
    String key = sort == null || sort.isBlank() ? "-createdAt" : sort;
    boolean descending = key.startsWith("-");
    String column = SORTS.get(descending ? key.substring(1) : key);
    if (column == null) {
      throw new IllegalArgumentException("sort must be one of " + SORTS.keySet() + ", optionally with a leading -");
    }
    String direction = descending ? " desc" : " asc";
    return column + direction + (column.equals("order_id") ? "" : ", order_id" + direction);
  }

  private Map<Long, List<OpenTask>> openTasks(List<OrderRow> rows) {
    if (rows.isEmpty()) {
      return Map.of();
    }
    List<Long> ids = rows.stream().map(OrderRow::orderId).toList();
    String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
    Map<Long, List<OpenTask>> byOrder = new LinkedHashMap<>();
    jdbc.query("select order_id, task_id, name, assignee, candidate_groups, due_at from tasks where order_id in ("
        + marks + ") and completed_at is null order by created_at, id", rs -> {
          byOrder.computeIfAbsent(rs.getLong("order_id"), id -> new java.util.ArrayList<>())
              .add(new OpenTask(rs.getString("task_id"), rs.getString("name"), rs.getString("assignee"),
                  rs.getString("candidate_groups"), rs.getObject("due_at", OffsetDateTime.class)));
        }, ids.toArray());
    return byOrder.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static OrderRow withTasks(OrderRow row, List<OpenTask> tasks) {
    return new OrderRow(row.orderId(), row.externalId(), row.status(), row.customerId(), row.customerName(),
        row.customerTier(), row.managerId(), row.createdAt(), row.currentStage(), row.stageEnteredAt(), row.sla(),
        row.delayedParty(), row.openTaskCount(), tasks, row.stalled(), row.stalledSince(), row.stallReason(),
        row.open());
  }
}
