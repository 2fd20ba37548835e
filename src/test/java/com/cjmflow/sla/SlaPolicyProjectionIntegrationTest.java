package com.cjmflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.cjmflow.ApiTestSupport;

/** The deployed SLA tables can be read as data in crm_sla_policies, rule by rule. */
class SlaPolicyProjectionIntegrationTest extends ApiTestSupport {

  @Test
  void deployedSlaTablesAreProjectedRuleByRule() {
    Map<String, Object> booked = jdbc.queryForMap("""
        select sla_duration, clock_owner from crm_sla_policies
        where decision_key = 'stage-sla' and subject = 'booked' and customer_tier = '-'
          and decision_version = (select min(decision_version) from crm_sla_policies where decision_key = 'stage-sla')""");
    assertThat(booked.values()).containsExactly("PT4H", "manager");
    assertThat(jdbc.queryForObject("""
        select sla_duration from crm_sla_policies
        where decision_key = 'touchpoint-response-sla' and subject = 'phone' and customer_tier = 'vip'""",
        String.class)).isEqualTo("PT30M");
    assertThat(jdbc.queryForObject("select count(*) from crm_sla_policies where decision_key = 'stage-sla' "
        + "and decision_version = 1", Long.class)).isEqualTo(22);
  }
}
