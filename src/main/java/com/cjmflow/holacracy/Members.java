package com.cjmflow.holacracy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

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

  /** A row of {@code crm_holacracy_member_profiles}: languages and skills comma-separated. */
  private record Row(String userId, String displayName, String languages, String skills,
      BigDecimal weeklyCapacityHours, String calendarId, OffsetDateTime updatedAt, String updatedBy) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Governance governance;
  private final RoleMembership membership;
  private final BusinessCalendars calendars;
  private final Cover cover;

  Members(JdbcClient jdbc, Clock clock, Governance governance, RoleMembership membership,
      BusinessCalendars calendars, Cover cover) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.governance = governance;
    this.membership = membership;
    this.calendars = calendars;
    this.cover = cover;
  }

  public Optional<Profile> find(String userId) {
    return jdbc.sql("select * from crm_holacracy_member_profiles where user_id = :userId").param("userId", userId)
        .query(Row.class).optional().map(this::profile);
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
      jdbc.sql("""
          insert into crm_holacracy_member_profiles (user_id, updated_at, updated_by) values (:userId, :now, :by)""")
          .param("userId", userId).param("now", now).param("by", governance.actor()).update();
    }
    Profile before = find(userId).orElseThrow();
    jdbc.sql("""
        update crm_holacracy_member_profiles set display_name = :displayName, languages = :languages,
          skills = :skills, weekly_capacity_hours = :capacity, calendar_id = :calendarId, updated_at = :now,
          updated_by = :by where user_id = :userId""")
        .param("displayName", change.displayName() == null ? before.displayName() : change.displayName())
        .param("languages", join(change.languages() == null ? before.languages() : change.languages()))
        .param("skills", join(change.skills() == null ? before.skills() : change.skills()))
        .param("capacity",
            change.weeklyCapacityHours() == null ? before.weeklyCapacityHours() : change.weeklyCapacityHours())
        .param("calendarId", change.calendarId() == null ? before.calendarId() : change.calendarId())
        .param("now", now).param("by", governance.actor()).param("userId", userId).update();
    if (absences != null) {
      jdbc.sql("delete from crm_holacracy_member_absences where user_id = :userId").param("userId", userId).update();
      for (NewAbsence absence : absences) {
        jdbc.sql("""
            insert into crm_holacracy_member_absences (user_id, absent_from, absent_until, stand_in_user_id, reason)
            values (:userId, :from, :until, :standIn, :reason)""")
            .param("userId", userId).param("from", absence.from()).param("until", absence.until())
            .param("standIn", absence.standIn()).param("reason", absence.reason()).update();
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
    List<Long> circles = jdbc.sql("""
        select distinct r.circle_id from crm_holacracy_role_assignments a join crm_holacracy_roles r on r.id = a.role_id
         where a.user_id = :userId and (a.valid_until is null or a.valid_until > :now)""")
        .param("userId", userId).param("now", OffsetDateTime.now(clock)).query(Long.class).list();
    boolean governs = governance.isGovernor(circleOfCompany())
        || circles.stream().anyMatch(governance::isGovernor);
    if (!governs) {
      throw new HolacracyFacts.NotYours("Only " + userId + ", a lead link over their circles and the process owner "
          + "change this profile");
    }
  }

  private long circleOfCompany() {
    return jdbc.sql("select id from crm_holacracy_circles where circle_key = :key").param("key", Structure.COMPANY)
        .query(Long.class).single();
  }

  private Profile profile(Row p) {
    return new Profile(p.userId(), p.displayName(), split(p.languages()), split(p.skills()),
        p.weeklyCapacityHours(), p.calendarId(), absences(p.userId()), p.updatedAt(), p.updatedBy());
  }

  List<Absence> absences(String userId) {
    return jdbc.sql("""
        select id, absent_from as "from", absent_until as "until", stand_in_user_id as stand_in, reason
          from crm_holacracy_member_absences where user_id = :userId order by absent_from""")
        .param("userId", userId).query(Absence.class).list();
  }

  private static String join(List<String> items) {
    return items == null || items.isEmpty() ? null : String.join(",", items.stream().map(String::strip).toList());
  }

  private static List<String> split(String text) {
    return text == null || text.isBlank() ? List.of() : Arrays.stream(text.split(",")).map(String::strip).toList();
  }
}
