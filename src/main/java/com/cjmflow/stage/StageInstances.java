package com.cjmflow.stage;

import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What other modules may change on an open stage instance ({@code crm_order_stage_instances}): its hold. */
@Component
public class StageInstances {

  private final JdbcClient jdbc;

  StageInstances(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The stage's SLA clock stops; false when it was on hold already. The flag is the lock on the open pause: a
   * parallel hold of the same stage waits here for the first transaction and then finds the stage on hold.
   */
  public boolean putOnHold(long stageInstanceId) {
    return jdbc.sql("update crm_order_stage_instances set on_hold = true where id = :id and on_hold = false")
        .param("id", stageInstanceId).update() > 0;
  }

  /** The stage's hold ended without a pause to close (a pause left open by an earlier double click). */
  public void release(long stageInstanceId) {
    jdbc.sql("update crm_order_stage_instances set on_hold = false where id = :id").param("id", stageInstanceId)
        .update();
  }

  /** The stage's SLA clock runs again with a new due date; {@code note} is appended to the explanation. */
  public void resume(long stageInstanceId, OffsetDateTime newDueAt, String note) {
    jdbc.sql("""
        update crm_order_stage_instances set on_hold = false, sla_due_at = :dueAt,
          sla_explanation = substring(coalesce(sla_explanation, '') || :note, 1, 1000)
        where id = :id""").param("dueAt", newDueAt).param("note", note).param("id", stageInstanceId).update();
  }
}
