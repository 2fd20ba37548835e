package com.cjmflow.holacracy;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.cjmflow.calendar.BusinessCalendars;
import com.cjmflow.calendar.CalendarSummary;

/**
 * Member profiles: display name, languages, skills, weekly capacity, working calendar (one of the SLA business
 * calendars) and absences. While an absence runs, the member's tasks go back to their role or to the stand-in
 * ({@link Cover}).
 */
@Service
public class Members {

  @Schema(name = "HolacracyAbsence")
  public record Absence(long id, OffsetDateTime from, OffsetDateTime until, String standIn, String reason) {}

  @Schema(name = "HolacracyProfile")
  public record Profile(String userId, String displayName, List<String> languages, List<String> skills,
      BigDecimal weeklyCapacityHours, String calendarId, List<Absence> absences, OffsetDateTime updatedAt,
      String updatedBy) {}

  public record NewAbsence(OffsetDateTime from, OffsetDateTime until, String standIn, String reason) {}

  /** The fields to change (null = unchanged); {@code absences} replaces the member's absences when given. */
  public record ProfileChange(String displayName, List<String> languages, List<String> skills,
      BigDecimal weeklyCapacityHours, String calendarId, List<NewAbsence> absences) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Governance governance;
  private final RoleMembership membership;
  private final BusinessCalendars calendars;
  private final Cover cover;

  Members(JdbcTemplate jdbc, Clock clock, Governance governance, RoleMembership membership,
      BusinessCalendars calendars, Cover cover) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.governance = governance;
    this.membership = membership;
    this.calendars = calendars;
    this.cover = cover;
  }

  public Optional<Profile> find(String userId) {
    return jdbc.query("select * from crm_holacracy_member_profiles where user_id = ?", this::row, userId).stream()
        .findFirst();
  }

  /** The member themself, a lead link over a circle they fill a role in, or the process owner. */
  @Transactional
  public Profile change(String userId, ProfileChange change) {
    if (!membership.userExists(userId)) {
      throw new HolacracyFacts.MemberNotFound(userId);
    }
    requireMayChange(userId);
    if (change.calendarId() != null
        && calendars.list().stream().map(CalendarSummary::id).noneMatch(change.calendarId()::equals)) {
      throw new HolacracyFacts.Refused("There is no business calendar " + change.calendarId()
          + " (GET /api/v1/crm/sla/calendars)");
    }
    List<NewAbsence> absences = change.absences() == null ? null : sorted(userId, change.absences());
    OffsetDateTime now = OffsetDateTime.now(clock);
    Optional<Profile> existing = find(userId);
    if (existing.isEmpty()) {
      jdbc.update("insert into crm_holacracy_member_profiles (user_id, updated_at, updated_by) values (?, ?, ?)",
          userId, now, governance.actor());
    }
    Profile before = find(userId).orElseThrow();
    jdbc.update("""
        update crm_holacracy_member_profiles set display_name = ?, languages = ?, skills = ?,
          weekly_capacity_hours = ?, calendar_id = ?, updated_at = ?, updated_by = ? where user_id = ?""",
        change.displayName() == null ? before.displayName() : change.displayName(),
        join(change.languages() == null ? before.languages() : change.languages()),
        join(change.skills() == null ? before.skills() : change.skills()),
        change.weeklyCapacityHours() == null ? before.weeklyCapacityHours() : change.weeklyCapacityHours(),
        change.calendarId() == null ? before.calendarId() : change.calendarId(), now, governance.actor(), userId);
    if (absences != null) {
      jdbc.update("delete from crm_holacracy_member_absences where user_id = ?", userId);
      for (NewAbsence absence : absences) {
        jdbc.update("""
            insert into crm_holacracy_member_absences (user_id, absent_from, absent_until, stand_in_user_id, reason)
            values (?, ?, ?, ?, ?)""", userId, absence.from(), absence.until(), absence.standIn(), absence.reason());
      }
      cover.returnTasksOf(userId);
    }
    return find(userId).orElseThrow();
  }

  private List<NewAbsence> sorted(String userId, List<NewAbsence> absences) {
    List<NewAbsence> sorted = new ArrayList<>(absences);
    sorted.sort((a, b) -> a.from().compareTo(b.from()));
    for (int i = 0; i < sorted.size(); i++) {
      NewAbsence absence = sorted.get(i);
      if (!absence.until().isAfter(absence.from())) {
        throw new HolacracyFacts.Refused("An absence must end after it starts");
      }
      if (i > 0 && sorted.get(i - 1).until().isAfter(absence.from())) {
        throw new HolacracyFacts.Refused("Absences must not overlap");
      }
      if (absence.standIn() != null && (absence.standIn().equals(userId) || !membership.userExists(absence.standIn()))) {
        throw new HolacracyFacts.Refused("The stand-in " + absence.standIn() + " is not another user");
      }
    }
    return sorted;
  }

  private void requireMayChange(String userId) {
    if (governance.actor().equals(userId)) {
      return;
    }
    List<Long> circles = jdbc.queryForList("""
        select distinct r.circle_id from crm_holacracy_role_assignments a join crm_holacracy_roles r on r.id = a.role_id
         where a.user_id = ? and (a.valid_until is null or a.valid_until > ?)""", Long.class, userId,
        OffsetDateTime.now(clock));
    boolean governs = governance.isGovernor(circleOfCompany())
        || circles.stream().anyMatch(governance::isGovernor);
    if (!governs) {
      throw new HolacracyFacts.NotYours("Only " + userId + ", a lead link over their circles and the process owner "
          + "change this profile");
    }
  }

  private long circleOfCompany() {
    return jdbc.queryForObject("select id from crm_holacracy_circles where circle_key = ?", Long.class,
        Structure.COMPANY);
  }

  private Profile row(ResultSet rs, int i) throws SQLException {
    String userId = rs.getString("user_id");
    return new Profile(userId, rs.getString("display_name"), split(rs.getString("languages")),
        split(rs.getString("skills")), rs.getBigDecimal("weekly_capacity_hours"), rs.getString("calendar_id"),
        absences(userId), rs.getObject("updated_at", OffsetDateTime.class), rs.getString("updated_by"));
  }

  List<Absence> absences(String userId) {
    return jdbc.query("select * from crm_holacracy_member_absences where user_id = ? order by absent_from",
        (rs, i) -> new Absence(rs.getLong("id"), rs.getObject("absent_from", OffsetDateTime.class),
            rs.getObject("absent_until", OffsetDateTime.class), rs.getString("stand_in_user_id"),
            rs.getString("reason")), userId);
  }

  private static String join(List<String> items) {
    return items == null || items.isEmpty() ? null : String.join(",", items.stream().map(String::strip).toList());
  }

  private static List<String> split(String text) {
    return text == null || text.isBlank() ? List.of() : Arrays.stream(text.split(",")).map(String::strip).toList();
  }
}
