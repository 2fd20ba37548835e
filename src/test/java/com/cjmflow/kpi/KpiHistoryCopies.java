package com.cjmflow.kpi;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Set-based bulk history for the KPI benchmark (PostgreSQL only): appends copies 1..n-1 of what
 * {@link KpiDataGenerator} generated under a prefix, each shifted by whole multiples of the generated range's days,
 * with one {@code insert … select … cross join generate_series} per source table. History grows as it does in
 * production (more days at the same daily volume, same distributions) at insert speed instead of the generator's
 * row-by-row speed. Copied ids get a {@code -c<k>} suffix, copied orders new ids (the identity moved past them).
 */
final class KpiHistoryCopies {

  /** The tables the KPI statements read, as counted in the benchmark's "source rows". */
  static final List<String> SOURCES = List.of("orders", "crm_order_stage_instances", "act_hi_taskinst", "tasks",
      "crm_touchpoints", "crm_manager_followups", "order_status_events", "refund_requests", "compensation_requests",
      "leads");

  private final JdbcTemplate jdbc;
  private final String prefix;

  KpiHistoryCopies(JdbcTemplate jdbc, String prefix) {
    this.jdbc = jdbc;
    this.prefix = prefix;
  }

  static long sourceRows(JdbcTemplate jdbc) {
    return SOURCES.stream().mapToLong(t -> jdbc.queryForObject("select count(*) from " + t, Long.class)).sum();
  }

  /** Makes {@code copies} copies in all (the generated one included), copy k shifted by k × {@code days} days. */
  void copy(int copies, int days) {
    long min = jdbc.queryForObject("select min(id) from orders where external_id like ?", Long.class, prefix + "-o%");
    long max = jdbc.queryForObject("select max(id) from orders where external_id like ?", Long.class, prefix + "-o%");
    long base = jdbc.queryForObject("select max(id) from orders", Long.class) + 1 - min;
    long span = max - min + 1;
    String order = " + " + base + " + (k - 1) * " + span;
    String ofOrders = "order_id between " + min + " and " + max;
    String shift = "k * " + days + " * interval '1 day'";
    String suffix = " || '-c' || k";
    insert(copies, "orders", "external_id like '" + prefix + "-o%'", shift,
        Map.of("id", "id" + order, "external_id", "external_id" + suffix));
    jdbc.execute("select setval(pg_get_serial_sequence('orders', 'id'), (select max(id) from orders))");
    insert(copies, "crm_order_stage_instances", ofOrders, shift,
        Map.of("id", "", "order_id", "order_id" + order, "process_instance_id", "process_instance_id" + suffix,
            "activity_instance_id", "activity_instance_id" + suffix));
    insert(copies, "act_hi_taskinst", "task_def_key_ like 'Task_Generated%' and name_ = 'Generated task'", shift,
        Map.of("id_", "id_" + suffix, "proc_inst_id_", "proc_inst_id_" + suffix, "execution_id_",
            "execution_id_" + suffix, "act_inst_id_", "act_inst_id_" + suffix));
    insert(copies, "tasks", ofOrders, shift, Map.of("id", "", "task_id", "task_id" + suffix,
        "order_id", "order_id" + order, "process_instance_id", "process_instance_id" + suffix));
    insert(copies, "crm_touchpoints", ofOrders, shift, Map.of("id", "", "order_id", "order_id" + order));
    insert(copies, "crm_manager_followups", ofOrders, shift,
        Map.of("id", "", "task_id", "task_id" + suffix, "order_id", "order_id" + order));
    for (String table : List.of("order_status_events", "refund_requests", "compensation_requests")) {
      insert(copies, table, ofOrders, shift, Map.of("id", "", "order_id", "order_id" + order));
    }
    insert(copies, "leads", "external_id like '" + prefix + "-l%'", shift, Map.of("id", "", "external_id",
        "external_id" + suffix, "converted_order_id", "converted_order_id" + order));
  }

  /** One insert … select of all copies; {@code expressions}: column → its value ("" = left to its default). */
  private void insert(int copies, String table, String where, String shift, Map<String, String> expressions) {
    List<Map<String, Object>> columns = jdbc.queryForList("""
        select column_name, data_type from information_schema.columns
         where table_schema = current_schema() and table_name = ? order by ordinal_position""", table);
    List<String[]> kept = columns.stream()
        .map(c -> new String[] {(String) c.get("column_name"), (String) c.get("data_type")})
        .filter(c -> !"".equals(expressions.get(c[0])))
        .toList();
    String names = kept.stream().map(c -> c[0]).collect(Collectors.joining(", "));
    String values = kept.stream()
        .map(c -> expressions.getOrDefault(c[0], c[1].startsWith("timestamp") ? c[0] + " + " + shift : c[0]))
        .collect(Collectors.joining(", "));
    jdbc.execute("insert into " + table + " (" + names + ") overriding system value select " + values + " from "
        + table + " cross join generate_series(1, " + (copies - 1) + ") k where " + where);
  }
}
