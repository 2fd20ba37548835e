package com.cjmflow.customers;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.cjmflow.customers.Customer360.FollowupLine;
import com.cjmflow.customers.Customer360.Money;
import com.cjmflow.customers.Customer360.OrderLine;
import com.cjmflow.customers.Customer360.StageBreach;
import com.cjmflow.customers.Customer360.TouchpointBreach;
import com.cjmflow.customers.Customer360.TouchpointLine;

/** What happened with a customer, read from the order, touchpoint, follow-up and stage tables; newest first. */
@Component
class CustomerActivity {

  private final JdbcTemplate jdbc;

  CustomerActivity(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<OrderLine> orders(long customerId, int limit) {
    return jdbc.query("""
        select id, external_id, status, bike_title, price_amount, price_currency, created_at
          from orders where customer_id = ?
         order by created_at desc, id desc offset 0 rows fetch next ? rows only""",
        (rs, i) -> new OrderLine(rs.getLong("id"), rs.getString("external_id"), rs.getString("status"),
            rs.getString("bike_title"), new Money(rs.getBigDecimal("price_amount"), rs.getString("price_currency")),
            rs.getObject("created_at", OffsetDateTime.class)), customerId, limit);
  }

  List<TouchpointLine> touchpoints(long customerId, int limit) {
    return jdbc.query("""
        select id, order_id, channel, direction, manager_id, subject, occurred_at, response_due_at, responded_at,
               is_sla_breached
          from crm_touchpoints where customer_id = ?
         order by occurred_at desc, id desc offset 0 rows fetch next ? rows only""",
        (rs, i) -> new TouchpointLine(rs.getLong("id"), rs.getObject("order_id", Long.class),
            rs.getString("channel"), rs.getString("direction"), rs.getString("manager_id"), rs.getString("subject"),
            rs.getObject("occurred_at", OffsetDateTime.class), rs.getObject("response_due_at", OffsetDateTime.class),
            rs.getObject("responded_at", OffsetDateTime.class), rs.getBoolean("is_sla_breached")),
        customerId, limit);
  }

  /** Open follow-ups, the earliest due first. */
  List<FollowupLine> openFollowups(long customerId, int limit) {
    return jdbc.query("""
        select id, order_id, subject, manager_id, due_at from crm_manager_followups
         where customer_id = ? and status = 'open'
         order by due_at, id offset 0 rows fetch next ? rows only""",
        (rs, i) -> new FollowupLine(rs.getLong("id"), rs.getObject("order_id", Long.class), rs.getString("subject"),
            rs.getString("manager_id"), rs.getObject("due_at", OffsetDateTime.class)), customerId, limit);
  }

  List<StageBreach> stageBreaches(long customerId, int limit) {
    return jdbc.query("""
        select s.order_id, s.stage, s.sla_breached_at from crm_order_stage_instances s
          join orders o on o.id = s.order_id
         where o.customer_id = ? and s.is_sla_breached
         order by s.sla_breached_at desc, s.id desc offset 0 rows fetch next ? rows only""",
        (rs, i) -> new StageBreach(rs.getLong("order_id"), rs.getString("stage"),
            rs.getObject("sla_breached_at", OffsetDateTime.class)), customerId, limit);
  }

  List<TouchpointBreach> touchpointBreaches(long customerId, int limit) {
    return jdbc.query("""
        select id, sla_breached_at from crm_touchpoints where customer_id = ? and is_sla_breached
         order by sla_breached_at desc, id desc offset 0 rows fetch next ? rows only""",
        (rs, i) -> new TouchpointBreach(rs.getLong("id"), rs.getObject("sla_breached_at", OffsetDateTime.class)),
        customerId, limit);
  }
}
