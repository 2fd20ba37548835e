package com.cjmflow.holacracy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who fills which role, when and with what focus. Assigning or ending an assignment changes the member's Camunda
 * group membership in the same transaction: the member sees the role's tasks in Tasklist at once (on every node,
 * nothing is cached), and someone whose assignment ended does not — their claimed tasks of the role go back to it.
 */
@Service
public class Assignments {

  @Schema(name = "HolacracyAssignment")
  public record Assignment(long id, long roleId, String roleKey, String userId, int focusPercent,
      OffsetDateTime validFrom, OffsetDateTime validUntil, String assignedBy, OffsetDateTime assignedAt,
      String endedBy, OffsetDateTime endedAt, String note) {

    public boolean activeAt(OffsetDateTime at) {
      return !validFrom.isAfter(at) && (validUntil == null || validUntil.isAfter(at));
    }
  }

  /** A member for a role: focus in percent of their time (default 100), from (default now) until (open). */
  public record NewAssignment(String userId, Integer focusPercent, OffsetDateTime from, OffsetDateTime until,
      String note) {}

  private static final String SELECT = """
      select a.*, r.role_key from crm_holacracy_role_assignments a
        join crm_holacracy_roles r on r.id = a.role_id""";

  /** A member who has (or had) an assignment of a role. */
  private record Filling(String userId, String roleKey) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Structure structure;
  private final Governance governance;
  private final RoleMembership membership;
  private final AutomaticTensions automatic;
  private final ApplicationEventPublisher events;

  Assignments(JdbcClient jdbc, Clock clock, Structure structure, Governance governance, RoleMembership membership,
      AutomaticTensions automatic, ApplicationEventPublisher events) {
    this.events = events;
    this.jdbc = jdbc;
    this.clock = clock;
    this.structure = structure;
    this.governance = governance;
    this.membership = membership;
    this.automatic = automatic;
  }

  @Transactional
  public Assignment assign(long roleId, NewAssignment request) {
    Structure.Role role = structure.role(roleId);
    governance.requireGovernor(role.circleId());
    if (!membership.userExists(request.userId())) {
      throw new HolacracyFacts.Refused("There is no user " + request.userId() + " (create the user in Admin first)");
    }
    OffsetDateTime now = now();
    OffsetDateTime from = request.from() == null ? now : request.from();
    if (request.until() != null && !request.until().isAfter(from)) {
      throw new HolacracyFacts.Refused("until must be after from");
    }
    lockRole(roleId);
    String overlaps = """
        select id from crm_holacracy_role_assignments
         where role_id = :roleId and user_id = :userId and (valid_until is null or valid_until > :from)"""
        + (request.until() == null ? "" : " and valid_from < :until");
    List<Long> overlapping = jdbc.sql(overlaps + " order by id").param("roleId", roleId)
        .param("userId", request.userId()).param("from", from).param("until", request.until()).query(Long.class)
        .list();
    if (!overlapping.isEmpty()) {
      throw new HolacracyFacts.AssignmentOverlaps(request.userId(), role.key(), overlapping.get(0));
    }
    long id = insert(roleId, request.userId(), request.focusPercent() == null ? 100 : request.focusPercent(), from,
        request.until(), governance.actor(), now, request.note());
    membership.roleChanged(role.key(), role.name());
    sync(request.userId(), role.key());
    automatic.checkCapacity(request.userId());
    events.publishEvent(new HolacracyEvents.AssignmentChanged(id, role.key(), request.userId(), false, from,
        request.until(), governance.actor(), now));
    return find(id);
  }

  /**
   * Ends an assignment at {@code until} (default now). Ending the last cover of a role that has open tasks is refused
   * (422) unless {@code force}.
   */
  @Transactional
  public Assignment end(long roleId, long assignmentId, OffsetDateTime until, boolean force, String note) {
    Structure.Role role = structure.role(roleId);
    governance.requireGovernor(role.circleId());
    lockRole(roleId);
    Assignment assignment = jdbc.sql(SELECT + " where a.id = :id and a.role_id = :roleId").param("id", assignmentId)
        .param("roleId", roleId).query(Assignment.class).optional()
        .orElseThrow(() -> new HolacracyFacts.AssignmentNotFound(assignmentId));
    OffsetDateTime now = now();
    OffsetDateTime end = until == null ? now : until;
    if (assignment.validUntil() != null && !assignment.validUntil().isAfter(now)) {
      throw new HolacracyFacts.StateChangeRefused("Assignment " + assignmentId + " has ended already");
    }
    if (!end.isAfter(assignment.validFrom())) {
      throw new HolacracyFacts.Refused("until must be after the assignment's start " + assignment.validFrom());
    }
    if (!force && !end.isAfter(now.plusSeconds(1))) {
      long others = jdbc.sql("""
          select count(*) from crm_holacracy_role_assignments a
           where a.role_id = :roleId and a.id <> :id and a.valid_from <= :now
             and (a.valid_until is null or a.valid_until > :now)
             and not exists (select 1 from crm_holacracy_member_absences b where b.user_id = a.user_id
                               and b.absent_from <= :now and b.absent_until > :now)""")
          .param("roleId", roleId).param("id", assignmentId).param("now", now).query(Long.class).single();
      long open = openTasks(role.key());
      if (others == 0 && open > 0) {
        throw new HolacracyFacts.LastCover(role.key(), open);
      }
    }
    jdbc.sql("""
        update crm_holacracy_role_assignments set valid_until = :until, ended_by = :by, ended_at = :now,
          note = coalesce(:note, note) where id = :id""")
        .param("until", end).param("by", governance.actor()).param("now", now).param("note", note)
        .param("id", assignmentId).update();
    sync(assignment.userId(), role.key());
    events.publishEvent(new HolacracyEvents.AssignmentChanged(assignmentId, role.key(), assignment.userId(), true,
        assignment.validFrom(), end, governance.actor(), now));
    return find(assignmentId);
  }

  public Assignment find(long id) {
    return jdbc.sql(SELECT + " where a.id = :id").param("id", id).query(Assignment.class).optional()
        .orElseThrow(() -> new HolacracyFacts.AssignmentNotFound(id));
  }

  /** The assignments of a role that hold now or later, oldest first. */
  public List<Assignment> current(long roleId) {
    return jdbc.sql(SELECT + " where a.role_id = :roleId and (a.valid_until is null or a.valid_until > :now)"
        + " order by a.id").param("roleId", roleId).param("now", now()).query(Assignment.class).list();
  }

  public List<Assignment> currentOf(String userId) {
    return jdbc.sql(SELECT + " where a.user_id = :userId and (a.valid_until is null or a.valid_until > :now)"
        + " order by a.id").param("userId", userId).param("now", now()).query(Assignment.class).list();
  }

  long openTasks(String roleKey) {
    return jdbc.sql("""
        select count(*) from tasks t where t.completed_at is null
           and (',' || t.candidate_groups || ',') like :pattern""").param("pattern", "%," + roleKey + ",%")
        .query(Long.class).single();
  }

  /**
   * Brings the member's group membership to their assignments now; once they fill the role no more, their open
   * tasks that only this role made theirs go back to the role.
   */
  void sync(String userId, String roleKey) {
    OffsetDateTime now = now();
    boolean active = jdbc.sql("""
        select count(*) from crm_holacracy_role_assignments a join crm_holacracy_roles r on r.id = a.role_id
         where r.role_key = :roleKey and a.user_id = :userId and a.valid_from <= :now
           and (a.valid_until is null or a.valid_until > :now)""")
        .param("roleKey", roleKey).param("userId", userId).param("now", now).query(Long.class).single() > 0;
    membership.member(userId, roleKey, active);
    if (!active) {
      for (RoleMembership.AssignedTask task : membership.assignedTo(userId)) {
        if (task.candidateGroups().contains(roleKey) && task.candidateGroups().stream()
            .noneMatch(group -> !group.equals(roleKey) && membership.members(group).contains(userId))) {
          membership.reassign(task.id(), null);
        }
      }
    }
  }

  /** Every member and role pair with assignments, brought to now (assignments that began or ended meanwhile). */
  @Transactional
  public void syncAll() {
    jdbc.sql("""
        select distinct a.user_id, r.role_key from crm_holacracy_role_assignments a
          join crm_holacracy_roles r on r.id = a.role_id""").query(Filling.class).list()
        .forEach(filling -> sync(filling.userId(), filling.roleKey()));
  }

  /**
   * Members of a role's group who never had an assignment of it (demo users, a membership made in Admin) get one
   * (focus 100 %, from now), so holacracy and the groups agree.
   */
  @Transactional
  public int adoptMemberships() {
    int adopted = 0;
    OffsetDateTime now = now();
    for (Structure.Role role : structure.roles()) {
      for (String userId : membership.members(role.key())) {
        Long had = jdbc.sql("""
            select count(*) from crm_holacracy_role_assignments where role_id = :roleId and user_id = :userId""")
            .param("roleId", role.id()).param("userId", userId).query(Long.class).single();
        if (had == 0) {
          insert(role.id(), userId, 100, now, null, "system", now, "Adopted from the Camunda group membership");
          adopted++;
        }
      }
    }
    return adopted;
  }

  private long insert(long roleId, String userId, int focus, OffsetDateTime from, OffsetDateTime until,
      String actor, OffsetDateTime now, String note) {
    var key = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into crm_holacracy_role_assignments (role_id, user_id, focus_percent, valid_from, valid_until,
          assigned_by, assigned_at, note) values (:roleId, :userId, :focus, :from, :until, :actor, :now, :note)""")
        .param("roleId", roleId).param("userId", userId).param("focus", focus).param("from", from)
        .param("until", until).param("actor", actor).param("now", now).param("note", note).update(key, "id");
    return key.getKey().longValue();
  }

  private void lockRole(long roleId) {
    jdbc.sql("select id from crm_holacracy_roles where id = :id for update").param("id", roleId).query(Long.class)
        .list();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }
}
