package com.cjmflow.holacracy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cjmflow.tasklist.RoleAvailability;

/**
 * Continuity asks holacracy (README "Holacracy: … Absences"): the previous worker of an order takes its next task
 * only while they are present (no absence runs now) and fill one of the task's roles now — an assignment that holds
 * at this moment, not merely a group membership the watch has not yet removed. A candidate group holacracy does not
 * know as a role, or a membership made in Admin and not yet adopted (no assignment of that role ever), counts as the
 * group membership says.
 */
@Component
class Availability implements RoleAvailability {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Cover cover;
  private final RoleMembership membership;

  Availability(JdbcClient jdbc, Clock clock, Cover cover, RoleMembership membership) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.cover = cover;
    this.membership = membership;
  }

  @Override
  public boolean canTake(String userId, Collection<String> candidateGroups) {
    if (userId == null || cover.absentNow(userId).isPresent()) {
      return false;
    }
    return candidateGroups.stream().anyMatch(group -> fills(userId, group));
  }

  private boolean fills(String userId, String roleKey) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    Filling filling = jdbc.sql("""
        select count(*) as ever_count,
               coalesce(sum(case when a.valid_from <= ? and (a.valid_until is null or a.valid_until > ?)
                                 then 1 else 0 end), 0) as active_count
          from crm_holacracy_role_assignments a join crm_holacracy_roles r on r.id = a.role_id
         where r.role_key = ? and a.user_id = ?""")
        .params(now, now, roleKey, userId).query(Filling.class).single();
    return filling.everCount() > 0 ? filling.activeCount() > 0 : membership.isMember(userId, roleKey);
  }

  /** How many assignments of the role the user ever had, and how many hold now. */
  record Filling(long everCount, long activeCount) {}
}
