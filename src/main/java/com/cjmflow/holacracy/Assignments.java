package com.cjmflow.holacracy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

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

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Structure structure;
  private final Governance governance;
  private final RoleMembership membership;
  private final AutomaticTensions automatic;
  private final ApplicationEventPublisher events;

  Assignments(JdbcTemplate jdbc, Clock clock, Structure structure, Governance governance, RoleMembership membership,
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
         where role_id = ? and user_id = ? and (valid_until is null or valid_until > ?)""";
    List<Long> overlapping = request.until() == null
        ? jdbc.queryForList(overlaps + " order by id", Long.class, roleId, request.userId(), from)
        : jdbc.queryForList(overlaps + " and valid_from < ? order by id", Long.class, roleId, request.userId(), from,
            request.until());
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
    Assignment assignment = jdbc.query(SELECT + " where a.id = ? and a.role_id = ?", Assignments::row,
        assignmentId, roleId).stream().findFirst()
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
      long others = jdbc.queryForObject("""
          select count(*) from crm_holacracy_role_assignments a
           where a.role_id = ? and a.id <> ? and a.valid_from <= ? and (a.valid_until is null or a.valid_until > ?)
             and not exists (select 1 from crm_holacracy_member_absences b where b.user_id = a.user_id
                               and b.absent_from <= ? and b.absent_until > ?)""", Long.class,
          roleId, assignmentId, now, now, now, now);
      long open = openTasks(role.key());
      if (others == 0 && open > 0) {
        throw new HolacracyFacts.LastCover(role.key(), open);
      }
    }
    jdbc.update("""
        update crm_holacracy_role_assignments set valid_until = ?, ended_by = ?, ended_at = ?,
          note = coalesce(?, note) where id = ?""", end, governance.actor(), now, note, assignmentId);
    sync(assignment.userId(), role.key());
    events.publishEvent(new HolacracyEvents.AssignmentChanged(assignmentId, role.key(), assignment.userId(), true,
        assignment.validFrom(), end, governance.actor(), now));
    return find(assignmentId);
  }

  public Assignment find(long id) {
    return jdbc.query(SELECT + " where a.id = ?", Assignments::row, id).stream().findFirst()
        .orElseThrow(() -> new HolacracyFacts.AssignmentNotFound(id));
  }

  /** The assignments of a role that hold now or later, oldest first. */
  public List<Assignment> current(long roleId) {
    return jdbc.query(SELECT + " where a.role_id = ? and (a.valid_until is null or a.valid_until > ?) order by a.id",
        Assignments::row, roleId, now());
  }

  public List<Assignment> currentOf(String userId) {
    return jdbc.query(SELECT + " where a.user_id = ? and (a.valid_until is null or a.valid_until > ?) order by a.id",
        Assignments::row, userId, now());
  }

  long openTasks(String roleKey) {
    return jdbc.queryForObject("""
        select count(*) from tasks t where t.completed_at is null
           and (',' || t.candidate_groups || ',') like ?""", Long.class, "%," + roleKey + ",%");
  }

  /**
   * Brings the member's group membership to their assignments now; once they fill the role no more, their open
   * tasks that only this role made theirs go back to the role.
   */
  void sync(String userId, String roleKey) {
    OffsetDateTime now = now();
    boolean active = jdbc.queryForObject("""
        select count(*) from crm_holacracy_role_assignments a join crm_holacracy_roles r on r.id = a.role_id
         where r.role_key = ? and a.user_id = ? and a.valid_from <= ? and (a.valid_until is null or a.valid_until > ?)""",
        Long.class, roleKey, userId, now, now) > 0;
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
    jdbc.query("""
        select distinct a.user_id, r.role_key from crm_holacracy_role_assignments a
          join crm_holacracy_roles r on r.id = a.role_id""",
        (ResultSet rs) -> {
          sync(rs.getString("user_id"), rs.getString("role_key"));
        });
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
        Long had = jdbc.queryForObject("select count(*) from crm_holacracy_role_assignments where role_id = ? "
            + "and user_id = ?", Long.class, role.id(), userId);
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
    var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.update(connection -> {
      var statement = connection.prepareStatement("""
          insert into crm_holacracy_role_assignments (role_id, user_id, focus_percent, valid_from, valid_until,
            assigned_by, assigned_at, note) values (?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
      statement.setLong(1, roleId);
      statement.setString(2, userId);
      statement.setInt(3, focus);
      statement.setObject(4, from);
      statement.setObject(5, until);
      statement.setString(6, actor);
      statement.setObject(7, now);
      statement.setString(8, note);
      return statement;
    }, keys);
    return keys.getKey().longValue();
  }

  private void lockRole(long roleId) {
    jdbc.queryForList("select id from crm_holacracy_roles where id = ? for update", Long.class, roleId);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  private static Assignment row(ResultSet rs, int i) throws SQLException {
    return new Assignment(rs.getLong("id"), rs.getLong("role_id"), rs.getString("role_key"), rs.getString("user_id"),
        rs.getInt("focus_percent"), rs.getObject("valid_from", OffsetDateTime.class),
        rs.getObject("valid_until", OffsetDateTime.class), rs.getString("assigned_by"),
        rs.getObject("assigned_at", OffsetDateTime.class), rs.getString("ended_by"),
        rs.getObject("ended_at", OffsetDateTime.class), rs.getString("note"));
  }
}
