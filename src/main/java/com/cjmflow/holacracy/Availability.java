package com.cjmflow.holacracy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
  private final RoleMembership membership;

  Availability(JdbcClient jdbc, Clock clock, RoleMembership membership) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.membership = membership;
  }

  /**
   * One statement: whether an absence of the user runs now and, per candidate group holacracy knows as a role, how
   * many assignments of it the user ever had and how many hold now.
   */
  @Override
  public boolean canTake(String userId, Collection<String> candidateGroups) {
    if (userId == null || candidateGroups.isEmpty()) {
      return false;
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    // the absence as Cover reads it (one that runs now), beside the role fillings
    List<Filling> rows = jdbc.sql("""
        select null as role_key, count(*) as ever_count, 0 as active_count
          from crm_holacracy_member_absences
         where user_id = :userId and absent_from <= :now and absent_until > :now
        union all
        select r.role_key, count(*),
               coalesce(sum(case when a.valid_from <= :now and (a.valid_until is null or a.valid_until > :now)
                                 then 1 else 0 end), 0)
          from crm_holacracy_role_assignments a join crm_holacracy_roles r on r.id = a.role_id
         where r.role_key in (:roleKeys) and a.user_id = :userId
         group by r.role_key""")
        .param("userId", userId).param("now", now).param("roleKeys", List.copyOf(candidateGroups))
        .query(Filling.class).list();
    Map<String, Filling> roles = new HashMap<>();
    for (Filling row : rows) {
      if (row.roleKey() == null) {
        if (row.everCount() > 0) {
          return false;
        }
      } else {
        roles.put(row.roleKey(), row);
      }
    }
    return candidateGroups.stream().anyMatch(group -> roles.containsKey(group) ? roles.get(group).activeCount() > 0
        : membership.isMember(userId, group));
  }

  /**
   * How many assignments of the role the user ever had, and how many hold now; without a role, the number of the
   * user's absences that run now.
   */
  record Filling(String roleKey, long everCount, long activeCount) {}
}
