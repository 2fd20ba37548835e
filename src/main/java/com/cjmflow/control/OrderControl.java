package com.cjmflow.control;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.cjmflow.platform.Page;
import com.cjmflow.platform.PagedQuery;

import io.swagger.v3.oas.annotations.media.Schema;

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

  @Schema(name = "OrderOpenTask")
  public record OpenTask(String taskId, String name, String assignee, String candidateGroups,
      OffsetDateTime dueAt) {}

  public record OrderRow(long orderId, String externalId, String status, long customerId, String customerName,
      String customerTier, String managerId, OffsetDateTime createdAt, String currentStage,
      OffsetDateTime stageEnteredAt, Sla sla, String delayedParty, long openTaskCount, List<OpenTask> openTasks,
      boolean stalled, OffsetDateTime stalledSince, String stallReason, boolean open) {}

  /** A row of the view as it is; {@link #order} nests its SLA and adds the open tasks. */
  record Row(long orderId, String externalId, String status, long customerId, String customerName,
      String customerTier, String managerId, OffsetDateTime createdAt, String currentStage,
      OffsetDateTime stageEnteredAt, String slaState, OffsetDateTime slaDueAt, OffsetDateTime slaWarnedAt,
      boolean isSlaBreached, OffsetDateTime slaBreachedAt, int escalationLevel, String clockOwner, boolean onHold,
      String delayedParty, long openTasks, boolean isStalled, OffsetDateTime stalledSince, String stallReason,
      boolean isOpen) {}

  /** An open task of a listed order. */
  record TaskRow(long orderId, String taskId, String name, String assignee, String candidateGroups,
      OffsetDateTime dueAt) {}

  private final JdbcClient jdbc;

  OrderControl(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Page<OrderRow> list(Query query) {
    Page<Row> rows = PagedQuery.from("from crm_order_control_v").whereIf(query.status(), "status = ?")
        .whereIf(query.stage(), "current_stage = ?").whereIf(query.managerId(), "manager_id = ?")
        .whereIf(query.customerId(), "customer_id = ?").whereIf(query.breached(), "is_sla_breached = ?")
        .whereIf(query.stalled(), "is_stalled = ?").whereIf(query.delayedParty(), "delayed_party = ?")
        .whereIf(query.from(), "created_at >= ?").whereIf(query.to(), "created_at < ?")
        .page(jdbc, "select *", orderBy(query.sort()), Row.class, query.page(), query.size());
    Map<Long, List<OpenTask>> tasks = openTasks(rows.items());
    return new Page<>(rows.items().stream().map(row -> order(row, tasks.getOrDefault(row.orderId(), List.of())))
        .toList(), rows.page(), rows.size(), rows.total());
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

  private Map<Long, List<OpenTask>> openTasks(List<Row> rows) {
    if (rows.isEmpty()) {
      return Map.of();
    }
    List<Long> ids = rows.stream().map(Row::orderId).toList();
    String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
    return jdbc.sql("select order_id, task_id, name, assignee, candidate_groups, due_at from tasks where order_id in ("
        + marks + ") and completed_at is null order by created_at, id").params(ids).query(TaskRow.class).list()
        .stream().collect(Collectors.groupingBy(TaskRow::orderId, LinkedHashMap::new, Collectors.mapping(
            task -> new OpenTask(task.taskId(), task.name(), task.assignee(), task.candidateGroups(), task.dueAt()),
            Collectors.toList())));
  }

  private static OrderRow order(Row row, List<OpenTask> tasks) {
    return new OrderRow(row.orderId(), row.externalId(), row.status(), row.customerId(), row.customerName(),
        row.customerTier(), row.managerId(), row.createdAt(), row.currentStage(), row.stageEnteredAt(),
        new Sla(row.slaState(), row.slaDueAt(), row.slaWarnedAt(), row.isSlaBreached(), row.slaBreachedAt(),
            row.escalationLevel(), row.clockOwner(), row.onHold()),
        row.delayedParty(), row.openTasks(), tasks, row.isStalled(), row.stalledSince(), row.stallReason(),
        row.isOpen());
  }
}
