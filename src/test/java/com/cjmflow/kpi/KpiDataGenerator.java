package com.cjmflow.kpi;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deterministic KPI history for tests and the benchmark: for several managers and a range of days, orders walking
 * through stages (stage instances with SLA marks), their user tasks in the engine history (ACT_HI_TASKINST, plain
 * inserts) and the task mirror, touchpoints with reply windows, follow-ups, closing/cancelling status events,
 * refunds, compensations and website leads. Everything inserted is also kept in memory, so a test can count the
 * expected facts independently. Same seed, same data (ids aside).
 */
final class KpiDataGenerator {

  static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
  private static final String[] STAGES = {"booked", "seller_check_in_progress", "check_ready",
      "awaiting_client_decision", "full_payment_pending", "bike_buyout_completed", "warehouse_received"};
  private static final String[] CHANNELS = {"email", "phone", "whatsapp", "telegram"};

  record Stage(String orderManager, String taskAssignee, Instant entered, Instant left, boolean counts,
      Instant warnedAt, Instant breachedAt) {}

  record Task(String assignee, Instant start, Instant end) {}

  record Touch(String manager, String channel, String direction, Instant occurred, Instant dueAt, Instant respondedAt,
      Instant breachedAt) {}

  record Followup(String manager, Instant created, Instant due, Instant completed, Boolean onTime, String status) {}

  record StatusEvent(String manager, String toStatus, Instant at) {}

  record Money(String manager, String kind, BigDecimal amount, String currency, Instant at) {}

  final List<Stage> stages = new ArrayList<>();
  final List<Task> tasks = new ArrayList<>();
  final List<Touch> touches = new ArrayList<>();
  final List<Followup> followups = new ArrayList<>();
  final List<StatusEvent> events = new ArrayList<>();
  final List<Money> money = new ArrayList<>();
  final List<String> managers;
  int orders;

  private final JdbcTemplate jdbc;
  private final String prefix;
  private final Random random;
  private final boolean keep;
  private final Batches batches;

  KpiDataGenerator(JdbcTemplate jdbc, String prefix, int managers, long seed, boolean keepInMemory) {
    this.jdbc = jdbc;
    this.prefix = prefix;
    this.random = new Random(seed);
    this.keep = keepInMemory;
    this.batches = new Batches(jdbc);
    this.managers = new ArrayList<>();
    for (int m = 1; m <= managers; m++) {
      this.managers.add(prefix + "-m" + m);
    }
  }

  /** Generates {@code ordersPerDay} orders booked on each day of {@code from}..{@code to} (Moscow dates). */
  void generate(LocalDate from, LocalDate to, int ordersPerDay) {
    List<Object[]> orderRows = new ArrayList<>();
    List<String[]> plan = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      for (int i = 0; i < ordersPerDay; i++) {
        String external = prefix + "-o" + (orders++);
        String manager = managers.get(random.nextInt(managers.size()));
        Instant created = day.atTime(8, 0).atZone(MOSCOW).toInstant().plusSeconds(random.nextInt(12 * 3600));
        orderRows.add(new Object[] {external, manager, utc(created)});
        plan.add(new String[] {external, manager, created.toString()});
      }
    }
    jdbc.update("""
        insert into customers (display_name, tier, email, created_at, updated_at)
        values (?, 'standard', ?, current_timestamp, current_timestamp)""", prefix + " customer", prefix + "@example.ru");
    long customerId =
        jdbc.queryForObject("select max(id) from customers where email = ?", Long.class, prefix + "@example.ru");
    batches.run("""
        insert into orders (external_id, customer_id, status, bike_title, seller_country, price_amount,
          reserve_required, expert_inspection, manager_id, created_at, updated_at)
        values (?, """ + customerId + ", 'booked', 'Generated bike', 'DE', 1500, false, false, ?, ?, ?)",
        orderRows.stream().map(r -> new Object[] {r[0], r[1], r[2], r[2]}).toList());
    Map<String, Long> ids = new HashMap<>();
    jdbc.query("select id, external_id from orders where external_id like ?",
        rs -> { ids.put(rs.getString(2), rs.getLong(1)); }, prefix + "-o%");
    for (String[] order : plan) {
      walk(ids.get(order[0]), customerId, order[1], Instant.parse(order[2]));
    }
    leads(from, to, ids.values().stream().toList());
    batches.flush();
  }

  private void walk(long orderId, long customerId, String manager, Instant created) {
    String process = UUID.randomUUID().toString();
    int count = 2 + random.nextInt(STAGES.length - 1);
    double fate = random.nextDouble(); // < 0.6 closed, < 0.7 cancelled, else still open
    Instant at = created;
    for (int s = 0; s < count; s++) {
      Instant left = at.plusSeconds(1800 + random.nextInt(3 * 24 * 3600));
      boolean open = s == count - 1 && fate >= 0.7;
      boolean counts = random.nextDouble() < 0.7;
      boolean breached = random.nextDouble() < 0.2;
      Instant due = at.plusSeconds(4 * 3600);
      Instant warned = breached || random.nextDouble() < 0.2 ? at.plusSeconds(3 * 3600) : null;
      Instant breachedAt = breached ? due : null;
      String activityInstance = process + ":" + s;
      String assignee = random.nextDouble() < 0.2 ? null
          : random.nextDouble() < 0.9 ? manager : managers.get(random.nextInt(managers.size()));
      batches.add("""
          insert into crm_order_stage_instances (order_id, stage, process_instance_id, activity_id,
            activity_instance_id, clock_owner, entered_at, left_at, sla_due_at, is_sla_breached, sla_breached_at,
            sla_warned_at, counts_against_manager) values (?, ?, ?, ?, ?, 'manager', ?, ?, ?, ?, ?, ?, ?)""",
          orderId, STAGES[s], process, "Task_Generated" + s, activityInstance, utc(at), open ? null : utc(left),
          utc(due), breached, utc(breachedAt), utc(warned), counts);
      if (assignee != null) {
        Instant start = at.plusSeconds(random.nextInt(600));
        String taskId = UUID.randomUUID().toString();
        batches.add("""
            insert into ACT_HI_TASKINST (ID_, TASK_DEF_KEY_, PROC_DEF_KEY_, PROC_INST_ID_, EXECUTION_ID_, ACT_INST_ID_,
              NAME_, ASSIGNEE_, START_TIME_, END_TIME_, DURATION_, DELETE_REASON_, PRIORITY_)
            values (?, ?, 'order-flow', ?, ?, ?, 'Generated task', ?, ?, ?, ?, ?, 50)""",
            taskId, "Task_Generated" + s, process, process, activityInstance, assignee, ts(start),
            open ? null : ts(left), open ? null : Duration.between(start, left).toMillis(), open ? null : "completed");
        batches.add("""
            insert into tasks (task_id, order_id, process_instance_id, activity_id, name, stage, assignee,
              created_at, completed_at, completed_by, end_reason) values (?, ?, ?, ?, 'Generated task', ?, ?, ?, ?, ?, ?)""",
            taskId, orderId, process, "Task_Generated" + s, STAGES[s], assignee, utc(start), open ? null : utc(left),
            open ? null : assignee, open ? null : "completed");
        if (keep) {
          tasks.add(new Task(assignee, start, open ? null : left));
        }
      }
      if (keep) {
        stages.add(new Stage(manager, assignee, at, open ? null : left, counts, warned, breachedAt));
      }
      touchpoints(orderId, customerId, manager, at, left);
      at = left;
    }
    followup(orderId, customerId, manager, created);
    if (fate < 0.7) {
      String status = fate < 0.6 ? "closed" : "cancelled";
      batches.add("insert into order_status_events (order_id, from_status, to_status, changed_at) values (?, ?, ?, ?)",
          orderId, STAGES[count - 1], status, utc(at));
      if (keep) {
        events.add(new StatusEvent(manager, status, at));
      }
      if (fate >= 0.6) {
        money(orderId, manager, "refund", BigDecimal.valueOf(100 + random.nextInt(900)), "EUR", at);
      }
    }
    if (random.nextDouble() < 0.08) {
      money(orderId, manager, "compensation", BigDecimal.valueOf(10 + random.nextInt(200)),
          random.nextBoolean() ? "EUR" : "USD", at.minusSeconds(3600));
    }
  }

  private void touchpoints(long orderId, long customerId, String manager, Instant from, Instant to) {
    int n = random.nextInt(3);
    for (int i = 0; i < n; i++) {
      Instant occurred = from.plusSeconds(random.nextInt((int) Math.max(1, Duration.between(from, to).toSeconds())));
      String channel = CHANNELS[random.nextInt(CHANNELS.length)];
      boolean inbound = random.nextBoolean();
      Instant due = inbound ? occurred.plusSeconds(4 * 3600) : null;
      double reply = random.nextDouble();
      Instant responded = !inbound || reply >= 0.9 ? null
          : occurred.plusSeconds(reply < 0.7 ? 60 + random.nextInt(4 * 3600 - 60) : 4 * 3600 + 1 + random.nextInt(86400));
      Instant breached = inbound && reply >= 0.7 ? due : null;
      batches.add("""
          insert into crm_touchpoints (customer_id, order_id, channel, direction, manager_id, occurred_at,
            response_due_at, responded_at, is_sla_breached, sla_breached_at, created_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, current_timestamp)""", customerId, orderId, channel,
          inbound ? "inbound" : "outbound", manager, utc(occurred), utc(due), utc(responded), breached != null,
          utc(breached));
      if (keep) {
        touches.add(new Touch(manager, channel, inbound ? "inbound" : "outbound", occurred, due, responded, breached));
      }
    }
  }

  private void followup(long orderId, long customerId, String manager, Instant created) {
    if (random.nextDouble() < 0.3) {
      return;
    }
    Instant due = created.plusSeconds(86400 + random.nextInt(2 * 86400));
    double kind = random.nextDouble();
    String status = kind < 0.75 ? "completed" : kind < 0.9 ? "open" : "cancelled";
    Instant completed = kind < 0.5 ? due.minusSeconds(1 + random.nextInt(20000))
        : kind < 0.75 ? due.plusSeconds(1 + random.nextInt(86400)) : null;
    Boolean onTime = completed == null ? null : !completed.isAfter(due);
    batches.add("""
        insert into crm_manager_followups (task_id, order_id, customer_id, manager_id, subject, due_at, status,
          completed_at, completed_on_time, created_at) values (?, ?, ?, ?, 'Call back', ?, ?, ?, ?, ?)""",
        UUID.randomUUID().toString(), orderId, customerId, manager, utc(due), status, utc(completed), onTime,
        utc(created));
    if (keep) {
      followups.add(new Followup(manager, created, due, completed, onTime, status));
    }
  }

  private void money(long orderId, String manager, String kind, BigDecimal amount, String currency, Instant at) {
    String table = kind.equals("refund") ? "refund_requests (order_id, amount, currency, method, reason, created_at)"
        + " values (?, ?, ?, 'bank_transfer', 'Generated', ?)"
        : "compensation_requests (order_id, amount, currency, reason, created_at) values (?, ?, ?, 'Generated', ?)";
    batches.add("insert into " + table, orderId, amount, currency, utc(at));
    if (keep) {
      money.add(new Money(manager, kind, amount, currency, at));
    }
  }

  private void leads(LocalDate from, LocalDate to, List<Long> orderIds) {
    int n = 0;
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      for (int i = 0; i < 3; i++) {
        Instant created = day.atTime(10, 0).atZone(MOSCOW).toInstant().plusSeconds(random.nextInt(8 * 3600));
        Long converted = random.nextDouble() < 0.4 ? orderIds.get(random.nextInt(orderIds.size())) : null;
        batches.add("insert into leads (external_id, source, converted_order_id, created_at) values (?, 'website', ?, ?)",
            prefix + "-l" + (n++), converted, utc(created));
      }
    }
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  /** Batched inserts per statement, flushed every 2,000 rows. */
  private static final class Batches {
    private final JdbcTemplate jdbc;
    private final Map<String, List<Object[]>> pending = new java.util.LinkedHashMap<>();

    Batches(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    void add(String sql, Object... args) {
      List<Object[]> rows = pending.computeIfAbsent(sql, s -> new ArrayList<>());
      rows.add(args);
      if (rows.size() >= 2000) {
        run(sql, rows);
        rows.clear();
      }
    }

    void run(String sql, List<Object[]> rows) {
      for (int i = 0; i < rows.size(); i += 2000) {
        jdbc.batchUpdate(sql, rows.subList(i, Math.min(rows.size(), i + 2000)));
      }
    }

    void flush() {
      pending.forEach(this::run);
      pending.clear();
    }
  }
}
