package com.cjmflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

import com.cjmflow.ApiTestSupport;
import com.cjmflow.SqlStatements;

/**
 * What one SLA warning rung costs the database (issue #14: the timer burst): the warning timer of an unassigned
 * "Confirm booking" executed, its statements counted. The role's mail goes to every member of the candidate group,
 * so the recipients' absences and mail addresses are read in one query each, however many members the role has.
 */
class SlaRungCostTest extends ApiTestSupport {

  @Autowired IdentityService identity;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aWarningRungReadsItsRecipientsOnce() {
    String[] extra = {newUser(identity, "rung"), newUser(identity, "rung"), newUser(identity, "rung")};
    for (String user : extra) {
      identity.createMembership(user, "sales-managers");
    }
    try {
      warning("rung-warm-1"); // caches of the first rung (deployment, calendars) do not count
      String pi = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("rung-cost-1", false, false)))
          .get("processInstanceId").asText();
      Job warning = timer(pi, "BoundaryEvent_ConfirmBookingSlaWarning");
      ClockUtil.setCurrentTime(warning.getDuedate());
      SqlStatements.Counts rung = SqlStatements.record(() -> {
        management.executeJob(warning.getId());
        return warning.getId();
      }).getValue();
      rung.byStatement().forEach((sql, n) -> System.out.println("RUNG " + n + " × " + sql));
      System.out.println("RUNG total " + rung.total());

      // the rung armed the breach at the due date the stage instance records (no table evaluation needed for it;
      // the escalation after the breach still takes its interval from the table: SlaLadderMailIntegrationTest)
      assertThat(timer(pi, "BoundaryEvent_ConfirmBookingSlaBreached").getDuedate().toInstant())
          .isEqualTo(jdbc.queryForObject("select sla_due_at from crm_order_stage_instances where process_instance_id "
              + "= ? and stage = 'booked'", java.time.OffsetDateTime.class, pi).toInstant());
      String recipients = jdbc.queryForObject("select recipients from crm_notifications where dedup_key like "
          + "'sla:sla_warning:order:' || (select id from orders where process_instance_id = ?) || ':%'",
          String.class, pi);
      for (String user : extra) {
        assertThat(recipients).as("the role's members are mailed").contains(user + "@cjmflow.example");
      }
      assertThat(matching(rung, "crm_holacracy_member_absences")).as("absence reads of the rung (cover note, "
          + "covering users), whatever the number of members").isLessThanOrEqualTo(2);
      assertThat(matching(rung, "ACT_ID_USER")).as("user reads: the group's members with their mail").isEqualTo(1);
    } finally {
      for (String user : extra) {
        identity.deleteUser(user);
      }
    }
  }

  private void warning(String externalId) {
    String pi = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking(externalId, false, false)))
        .get("processInstanceId").asText();
    Job warning = timer(pi, "BoundaryEvent_ConfirmBookingSlaWarning");
    ClockUtil.setCurrentTime(warning.getDuedate());
    management.executeJob(warning.getId());
  }

  /** How often statements naming {@code table} ran. */
  private static long matching(SqlStatements.Counts counts, String table) {
    return counts.byStatement().entrySet().stream().filter(e -> e.getKey().startsWith("select")
        || e.getKey().startsWith("SELECT")).filter(e -> e.getKey().toUpperCase().contains(table.toUpperCase()))
        .mapToLong(Map.Entry::getValue).sum();
  }
}
