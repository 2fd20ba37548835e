package com.cjmflow.followups;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import com.cjmflow.ApiTestSupport;
import com.cjmflow.kpi.KpiRecompute;
import com.cjmflow.kpi.KpiStalls;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The client overruns the reserve payment budget: the breach is the client's (never the manager's KPI), the manager
 * gets a reminder with its own due date from the table's cadence, the order shows delayed with who and since when,
 * the stall logic treats it as a delay to chase, and the client's reply closes the reminder.
 */
class OutsidePartyDelayIntegrationTest extends ApiTestSupport {

  @Autowired KpiRecompute kpi;
  @Autowired KpiStalls stalls;
  @Autowired com.cjmflow.platform.DisplayNames names;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** The manager's SLA breaches and warnings of the day (none when there is no fact row). */
  private List<Long> kpiOf(String manager, LocalDate day) {
    kpi.run(day, day, manager, Instant.now(), d -> {});
    List<Map<String, Object>> rows = jdbc.queryForList("select stage_sla_breached, stage_sla_warned from "
        + "manager_kpi_daily_facts where manager_id = ? and fact_date = ?", manager, day);
    return rows.isEmpty() ? List.of(0L, 0L) : rows.get(0).values().stream().map(v -> ((Number) v).longValue())
        .toList();
  }

  @Test
  void clientOverrunningThePaymentBudgetIsTheClientsDelayWithAReminderForTheManager() {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-09-15T07:00:00Z")));
    JsonNode order = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders",
        booking("delay-client-1", true, false)));
    long orderId = order.get("orderId").asLong();
    String process = order.get("processInstanceId").asText();
    work("boris", process, "Task_ConfirmBooking", Map.of("reserveRequired", true));
    Map<String, Object> sla = stageSla("reserve_payment_pending", "standard");
    assertThat(sla.get("clockOwner")).isEqualTo("client");

    // when the client's budget runs out
    var breach = slaTimer(process, "BoundaryEvent_ConfirmReservePaymentSlaBreached");
    LocalDate day = breach.getDuedate().toInstant().atZone(kpi.zone()).toLocalDate();
    List<Long> before = kpiOf("boris", day);
    ClockUtil.setCurrentTime(breach.getDuedate());
    long decisionsBefore = count("ACT_HI_DECINST where DEC_DEF_KEY_ = 'stage-sla'");
    management.executeJob(breach.getId());

    // then the breach is recorded against the client's clock, not the manager's
    Map<String, Object> stage = jdbc.queryForMap("select is_sla_breached, clock_owner, counts_against_manager, "
        + "sla_breached_at from crm_order_stage_instances where order_id = ? and stage = 'reserve_payment_pending'",
        orderId);
    assertThat(String.valueOf(stage).toLowerCase()).contains("is_sla_breached=true", "clock_owner=client",
        "counts_against_manager=false");
    assertThat(kpiOf("boris", day)).isEqualTo(before);

    // the manager has a reminder with the table's cadence as its due date
    Duration every = Duration.parse((String) sla.get("remindEvery"));
    Map<String, Object> reminder = jdbc.queryForMap("select id, manager_id, subject, due_at, status from "
        + "crm_manager_followups where order_id = ? and origin = 'sla_reminder'", orderId);
    assertThat(String.valueOf(reminder).toLowerCase()).contains("manager_id=boris", "status=open");
    // in the company's language only: the party and the stage by their names, no technical ids
    assertThat((String) reminder.get("subject")).contains(names.partyReminder("client", "reserve_payment_pending"),
        names.stage("reserve_payment_pending"), names.order(orderId)).doesNotContain("reserve_payment_pending")
        .doesNotContainIgnoringCase("remind the");
    JsonNode followups = read(call("boris", HttpMethod.GET, "/api/v1/crm/followups?orderId=" + orderId, null));
    OffsetDateTime due = OffsetDateTime.parse(followups.get("items").get(0).get("dueAt").asText());
    assertThat(due.toInstant()).isEqualTo(breach.getDuedate().toInstant().plus(every));
    assertThat(count("ACT_HI_DECINST where DEC_DEF_KEY_ = 'stage-sla'"))
        .as("the reminder records what the table decided: no decision history").isEqualTo(decisionsBefore);

    // a second timer of the ladder makes no second reminder
    management.executeJob(slaTimer(process, "BoundaryEvent_ConfirmReservePaymentSlaEscalated").getId());
    assertThat(count("crm_manager_followups where order_id = " + orderId + " and origin = 'sla_reminder'"))
        .isEqualTo(1);

    // the order shows delayed, with who and since when, in the journey and the 360
    JsonNode cjm = read(call("galina", HttpMethod.GET, "/api/v1/crm/orders/" + orderId + "/cjm", null));
    assertThat(cjm.at("/delay/party").asText()).isEqualTo("client");
    assertThat(cjm.at("/delay/stage").asText()).isEqualTo("reserve_payment_pending");
    assertThat(OffsetDateTime.parse(cjm.at("/delay/since").asText()).toInstant()).isEqualTo(jdbc.queryForObject(
        "select sla_breached_at from crm_order_stage_instances where order_id = ? and stage = "
            + "'reserve_payment_pending'", OffsetDateTime.class, orderId).toInstant());
    JsonNode view = read(call("galina", HttpMethod.GET, "/api/v1/crm/orders/" + orderId, null));
    assertThat(view.at("/delay/party").asText()).isEqualTo("client");

    // stall logic: chased on time is not stalled; once the reminder is overdue it is a delay to chase
    stalls.refresh(breach.getDuedate().toInstant().plusSeconds(60));
    assertThat(jdbc.queryForObject("select is_stalled from orders where id = ?", Boolean.class, orderId)).isFalse();
    stalls.refresh(due.toInstant().plus(Duration.ofHours(1)));
    assertThat(jdbc.queryForObject("select stall_reason from orders where id = ?", String.class, orderId))
        .startsWith("Delay to chase: the client");

    // the client's reply closes the reminder, and restarts nothing on the client's clock
    assertThat(call("boris", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/touchpoints", Map.of(
        "channel", "whatsapp", "direction", "inbound", "summary", "Paying tomorrow",
        "occurredAt", OffsetDateTime.now().toString())).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(jdbc.queryForObject("select status from crm_manager_followups where order_id = ? and origin = "
        + "'sla_reminder'", String.class, orderId)).isEqualTo("completed");
    assertThat(jdbc.queryForObject("select is_sla_breached from crm_order_stage_instances where order_id = ? and "
        + "stage = 'reserve_payment_pending'", Boolean.class, orderId)).isTrue();
  }
}
