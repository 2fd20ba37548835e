package com.cjmflow.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.touchpoints.Touchpoints;
import com.fasterxml.jackson.databind.JsonNode;

/** The customer 360 shows everything known about a customer, including an order booked for their e-mail. */
class Customer360IntegrationTest extends CustomerTestSupport {

  @Autowired Touchpoints touchpoints;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void showsProfileDetailsOrdersContactsFollowupsAndBreaches() {
    // given a customer with a preference, a channel and an owner
    String token = unique();
    String email = "client." + token + "@example.ru";
    long customerId = createCustomer("Client " + token, "Client." + token + "@Example.ru", Map.of("tier", "vip"));
    call("anna", HttpMethod.PUT, CUSTOMERS + "/" + customerId + "/preferences/frame_size", Map.of("value", "56"));
    call("anna", HttpMethod.POST, CUSTOMERS + "/" + customerId + "/channels",
        Map.of("channel", "whatsapp", "address", "+7 900 7", "primary", true));
    call("galina", HttpMethod.PUT, CUSTOMERS + "/" + customerId + "/owner", Map.of("managerId", "boris"));

    // and an order booked for their e-mail whose first stage breached its SLA
    Map<String, Object> body = new HashMap<>(booking("web-c360-" + token, false, false));
    body.put("customer", Map.of("name", "Client " + token, "email", email, "tier", "standard"));
    JsonNode booked = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", body));
    long orderId = booked.get("orderId").asLong();
    Job timer = slaTimer(booked.get("processInstanceId").asText(), "BoundaryEvent_ConfirmBookingSlaBreached");
    ClockUtil.setCurrentTime(timer.getDuedate());
    management.executeJob(timer.getId());

    // and 20 older inbound contacts (one breached), a newer outbound one, an open and a completed follow-up
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (int i = 0; i < 20; i++) {
      jdbc.update("""
          insert into crm_touchpoints (customer_id, order_id, channel, direction, occurred_at, is_sla_breached,
            sla_breached_at, created_at) values (?, ?, 'email', 'inbound', ?, ?, ?, ?)""", customerId, orderId,
          now.minusDays(30 - i), i == 0, i == 0 ? now.minusDays(29) : null, now);
    }
    touchpoints.record(new Touchpoints.NewTouchpoint(customerId, orderId, "whatsapp", Touchpoints.OUTBOUND, "boris",
        "Reserve invoice sent", null, now, null, "api"));
    for (String status : new String[] {"open", "completed"}) {
      jdbc.update("""
          insert into crm_manager_followups (task_id, order_id, customer_id, manager_id, subject, due_at, status,
            created_at) values (?, ?, ?, 'boris', ?, ?, ?, ?)""", "c360-" + status + "-" + token, orderId,
          customerId, "Call about " + status, now.plusDays(1), status, now);
    }

    // when
    ResponseEntity<String> answer = call("anna", HttpMethod.GET, CUSTOMERS + "/" + customerId, null);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode view = read(answer);
    assertThat(count("customers where email = '" + email + "'")).isEqualTo(1);
    assertThat(view.at("/profile/email").asText()).isEqualTo(email);
    assertThat(view.at("/profile/tier").asText()).isEqualTo("vip");
    assertThat(view.at("/preferences/0/key").asText()).isEqualTo("frame_size");
    assertThat(view.at("/channels/0/channel").asText()).isEqualTo("whatsapp");
    assertThat(view.at("/owner/managerId").asText()).isEqualTo("boris");
    assertThat(view.get("ownerHistory")).hasSize(1);

    assertThat(view.get("orders")).hasSize(1);
    assertThat(view.at("/orders/0/id").asLong()).isEqualTo(orderId);
    assertThat(view.at("/orders/0/externalId").asText()).isEqualTo("web-c360-" + token);
    assertThat(view.at("/orders/0/status").asText()).isEqualTo("booked");
    assertThat(view.at("/orders/0/price/amount").decimalValue()).isEqualByComparingTo("1850");
    assertThat(view.at("/orders/0/price/currency").asText()).isEqualTo("EUR");

    assertThat(view.get("touchpoints")).hasSize(20);
    assertThat(view.at("/touchpoints/0/direction").asText()).isEqualTo("outbound");
    assertThat(view.at("/touchpoints/0/managerId").asText()).isEqualTo("boris");
    assertThat(view.get("openFollowups")).hasSize(1);
    assertThat(view.at("/openFollowups/0/subject").asText()).isEqualTo("Call about open");

    assertThat(view.at("/slaBreaches/stages")).hasSize(1);
    assertThat(view.at("/slaBreaches/stages/0/orderId").asLong()).isEqualTo(orderId);
    assertThat(view.at("/slaBreaches/stages/0/stage").asText()).isEqualTo("booked");
    assertThat(view.at("/slaBreaches/touchpoints")).hasSize(1);

    JsonNode counters = view.get("counters");
    assertThat(counters.get("orders").asLong()).isEqualTo(1);
    assertThat(counters.get("openOrders").asLong()).isEqualTo(1);
    assertThat(counters.get("openFollowups").asLong()).isEqualTo(1);
    assertThat(counters.get("slaBreaches").asLong()).isEqualTo(2);
    assertThat(counters.get("outboundContacts").asLong()).isEqualTo(1);
    assertThat(counters.get("lastContactChannel").asText()).isEqualTo("whatsapp");
  }

  @Test
  void aNewCustomerHasAnEmptyView() {
    long customerId = createCustomer("Fresh " + unique(), null, Map.of());

    JsonNode view = read(call("boris", HttpMethod.GET, CUSTOMERS + "/" + customerId, null));

    assertThat(view.get("owner").isNull()).isTrue();
    assertThat(view.get("orders")).isEmpty();
    assertThat(view.get("touchpoints")).isEmpty();
    assertThat(view.at("/counters/orders").asLong()).isZero();
    assertThat(view.at("/counters/lastContactAt").isNull()).isTrue();
    assertProblem(call("boris", HttpMethod.GET, CUSTOMERS + "/999999999", null), HttpStatus.NOT_FOUND);
    assertProblem(call("boris", HttpMethod.GET, CUSTOMERS + "/abc", null), HttpStatus.BAD_REQUEST);
  }
}
