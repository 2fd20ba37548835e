package com.cjmflow.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.cjmflow.order360.Order360;

/** One test per stall rule (seed 000 §9), refreshed through POST /api/v1/crm/kpi/stalls/refresh. */
class KpiStallIntegrationTest extends ApiTestSupport {

  private static final Duration LONG_AGO = Duration.ofDays(10);

  @Autowired Order360 order360;

  @Test
  void anOrderWithoutProgressBeyondItsExpectedDwellIsStalled() {
    long order = order("booked", "manager", LONG_AGO, false);
    refresh();
    Map<String, Object> row = jdbc.queryForMap("select * from crm_order_360_v where order_id = ?", order);
    assertThat(row.get("IS_STALLED") != null ? row.get("IS_STALLED") : row.get("is_stalled")).isEqualTo(true);
    Map<String, Object> flags = jdbc.queryForMap("select stalled_since, stall_reason from orders where id = ?", order);
    assertThat(flags.values()).doesNotContainNull();
    Map<String, Object> sla = stageSla("booked", "standard");
    assertThat(String.valueOf(flags.values().toArray()[1])).contains("booked")
        .contains((String) sla.get("slaDuration")).contains((String) sla.get("calendar"));
    assertThat(jdbc.queryForObject("""
        select stalled_orders from crm_manager_workload_live_v
         where manager_id = (select manager_id from orders where id = ?)""", Long.class, order)).isEqualTo(1);
    assertThat(order360.summary(order).orElseThrow().stall().stalled()).as("the order 360 read shows it").isTrue();
  }

  @Test
  void anOpenFollowupMeansNotStalled() {
    long order = order("booked", "manager", LONG_AGO, false);
    jdbc.update("""
        insert into crm_manager_followups (task_id, order_id, manager_id, subject, due_at, status, created_at)
        values (?, ?, 'anna', 'Call the seller', ?, 'open', ?)""", UUID.randomUUID().toString(), order,
        OffsetDateTime.now(ZoneOffset.UTC).plusDays(1), OffsetDateTime.now(ZoneOffset.UTC));
    refresh();
    assertThat(stalled(order)).isFalse();
  }

  @Test
  void anOutsidePartyWithinItsBudgetIsAFreeWaitButAnOverrunIsADelayToChase() {
    long waiting = order("reserve_payment_pending", "client", Duration.ofMinutes(1), false);
    long overrun = order("reserve_payment_pending", "client", LONG_AGO, false);
    refresh();
    assertThat(stalled(waiting)).isFalse();
    assertThat(stalled(overrun)).isTrue();
    assertThat(jdbc.queryForObject("select stall_reason from orders where id = ?", String.class, overrun))
        .startsWith("Delay to chase: the client overran");
  }

  @Test
  void aStageOnHoldIsNotStalled() {
    long order = order("booked", "manager", LONG_AGO, true);
    refresh();
    assertThat(stalled(order)).isFalse();
  }

  @Test
  void withinTheExpectedDwellNotStalledAndAFlagIsClearedOnProgress() {
    long fresh = order("booked", "manager", Duration.ofMinutes(1), false);
    long old = order("booked", "manager", LONG_AGO, false);
    refresh();
    assertThat(stalled(fresh)).isFalse();
    assertThat(stalled(old)).isTrue();

    // when the stalled order makes progress (its stage is left), the next refresh clears the flag
    jdbc.update("update crm_order_stage_instances set left_at = current_timestamp where order_id = ?", old);
    refresh();
    assertThat(stalled(old)).isFalse();
  }

  @Test
  void onlyLeadsRefreshStalls() {
    ResponseEntity<String> response = call("anna", HttpMethod.POST, "/api/v1/crm/kpi/stalls/refresh", null);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  private void refresh() {
    ResponseEntity<String> response = call("galina", HttpMethod.POST, "/api/v1/crm/kpi/stalls/refresh", null);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(read(response).get("openStages").asInt()).isPositive();
  }

  private boolean stalled(long order) {
    return jdbc.queryForObject("select is_stalled from orders where id = ?", Boolean.class, order);
  }

  /** An order with one open stage entered {@code ago}, its clock owned by {@code clockOwner}. */
  private long order(String stage, String clockOwner, Duration ago, boolean onHold) {
    String id = "stall-" + UUID.randomUUID();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.update("""
        insert into customers (display_name, tier, email, created_at, updated_at)
        values ('Stall test', 'standard', ?, ?, ?)""", id + "@example.ru", now, now);
    long customer = jdbc.queryForObject("select id from customers where email = ?", Long.class, id + "@example.ru");
    String manager = "stallmgr-" + UUID.randomUUID().toString().substring(0, 8);
    jdbc.update("""
        insert into orders (external_id, customer_id, status, bike_title, seller_country, price_amount,
          reserve_required, expert_inspection, manager_id, created_at, updated_at)
        values (?, ?, ?, 'Stalled bike', 'DE', 1000, false, false, ?, ?, ?)""", id, customer, stage, manager, now, now);
    long order = jdbc.queryForObject("select id from orders where external_id = ?", Long.class, id);
    Instant entered = Instant.now().minus(ago);
    jdbc.update("""
        insert into crm_order_stage_instances (order_id, stage, process_instance_id, activity_id,
          activity_instance_id, clock_owner, entered_at, on_hold) values (?, ?, ?, 'Task_Stalled', ?, ?, ?, ?)""",
        order, stage, id, id, clockOwner, entered.atOffset(ZoneOffset.UTC), onHold);
    return order;
  }
}
