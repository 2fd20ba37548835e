package com.cjmflow.order360;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Delays in the manager's workload: an order whose open stage ran past its SLA on an outside party's clock counts
 * as delayed for its manager and is listed with whose clock ran, the stage, since when and the due date.
 */
class WorkloadDelaysIntegrationTest extends ApiTestSupport {

  /** A sales manager of this test only, so the workload holds just the orders made here. */
  private static final String MANAGER = "delaywatch";

  @Autowired IdentityService identity;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void anOrderPastAnOutsidePartysBudgetShowsAsDelayedInItsManagersWorkload() {
    // given an order of the manager waiting for the client's reserve payment, a stage on the client's clock
    manager();
    JsonNode booked = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("delay-wl-1", true,
        false)));
    long orderId = booked.get("orderId").asLong();
    String process = booked.get("processInstanceId").asText();
    work(MANAGER, process, "Task_ConfirmBooking", Map.of("reserveRequired", true));
    String stage = jdbc.queryForObject("select status from orders where id = ?", String.class, orderId);
    Object party = stageSla(stage, "standard").get("clockOwner");
    assertThat(party).as("the stage runs on an outside party's clock").isNotEqualTo("manager");
    JsonNode before = workload();
    assertThat(before.get("delayedOrders").asLong()).isZero();
    assertThat(before.get("delays")).isEmpty();

    // when the client overruns the budget
    var breach = slaTimer(process, "BoundaryEvent_ConfirmReservePaymentSlaBreached");
    ClockUtil.setCurrentTime(breach.getDuedate());
    management.executeJob(breach.getId());

    // then the workload counts the order as delayed and says whose clock ran out, where and since when
    JsonNode after = workload();
    assertThat(after.get("delayedOrders").asLong()).isEqualTo(1);
    assertThat(after.get("delays")).hasSize(1);
    JsonNode delay = after.get("delays").get(0);
    assertThat(delay.get("orderId").asLong()).isEqualTo(orderId);
    assertThat(delay.get("party").asText()).isEqualTo(party);
    assertThat(delay.get("stage").asText()).isEqualTo(stage);
    assertThat(OffsetDateTime.parse(delay.get("since").asText())).isAfterOrEqualTo(
        OffsetDateTime.parse(delay.get("dueAt").asText()).minusSeconds(1));
    assertThat(jdbc.queryForObject("select delayed_orders from crm_manager_workload_live_v where manager_id = ?",
        Long.class, MANAGER)).isEqualTo(1);
    // the head of sales sees the same
    assertThat(read(call("galina", HttpMethod.GET, "/api/v1/crm/managers/" + MANAGER + "/workload", null))
        .get("delayedOrders").asLong()).isEqualTo(1);

    // and once the client pays, the delay is gone
    call("booking", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/payments", Map.of("kind", "reserve",
        "amount", 300, "currency", "EUR", "paidAt", "2026-11-01T10:00:00Z", "reference", "R-DELAY-1"));
    assertThat(workload().get("delayedOrders").asLong()).isZero();
  }

  private JsonNode workload() {
    return read(call(MANAGER, HttpMethod.GET, "/api/v1/crm/managers/" + MANAGER + "/workload", null));
  }

  private void manager() {
    if (identity.createUserQuery().userId(MANAGER).count() == 0) {
      User user = identity.newUser(MANAGER);
      user.setPassword(MANAGER);
      identity.saveUser(user);
      identity.createMembership(MANAGER, "sales-managers");
    }
  }
}
