package com.cjmflow.customers;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
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

  /** An order row as it is; {@link OrderLine} nests its price. */
  record OrderRow(long id, String externalId, String status, String bikeTitle, BigDecimal priceAmount,
      String priceCurrency, OffsetDateTime createdAt) {}

  private final JdbcClient jdbc;

  CustomerActivity(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<OrderLine> orders(long customerId, int limit) {
    return jdbc.sql("""
        select id, external_id, status, bike_title, price_amount, price_currency, created_at
          from orders where customer_id = ?
         order by created_at desc, id desc offset 0 rows fetch next ? rows only""")
        .params(customerId, limit).query(OrderRow.class).list().stream()
        .map(o -> new OrderLine(o.id(), o.externalId(), o.status(), o.bikeTitle(),
            new Money(o.priceAmount(), o.priceCurrency()), o.createdAt()))
        .toList();
  }

  List<TouchpointLine> touchpoints(long customerId, int limit) {
    return jdbc.sql("""
        select id, order_id, channel, direction, manager_id, subject, occurred_at, response_due_at, responded_at,
               is_sla_breached as sla_breached
          from crm_touchpoints where customer_id = ?
         order by occurred_at desc, id desc offset 0 rows fetch next ? rows only""")
        .params(customerId, limit).query(TouchpointLine.class).list();
  }

  /** Open follow-ups, the earliest due first. */
  List<FollowupLine> openFollowups(long customerId, int limit) {
    return jdbc.sql("""
        select id, order_id, subject, manager_id, due_at from crm_manager_followups
         where customer_id = ? and status = 'open'
         order by due_at, id offset 0 rows fetch next ? rows only""")
        .params(customerId, limit).query(FollowupLine.class).list();
  }

  List<StageBreach> stageBreaches(long customerId, int limit) {
    return jdbc.sql("""
        select s.order_id, s.stage, s.sla_breached_at as breached_at from crm_order_stage_instances s
          join orders o on o.id = s.order_id
         where o.customer_id = ? and s.is_sla_breached
         order by s.sla_breached_at desc, s.id desc offset 0 rows fetch next ? rows only""")
        .params(customerId, limit).query(StageBreach.class).list();
  }

  List<TouchpointBreach> touchpointBreaches(long customerId, int limit) {
    return jdbc.sql("""
        select id as touchpoint_id, sla_breached_at as breached_at from crm_touchpoints
         where customer_id = ? and is_sla_breached
         order by sla_breached_at desc, id desc offset 0 rows fetch next ? rows only""")
        .params(customerId, limit).query(TouchpointBreach.class).list();
  }
}
