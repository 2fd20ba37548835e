package com.cjmflow.holacracy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.cjmflow.notifications.RoleCover;
import com.cjmflow.stage.JourneyLog;

/**
 * Absent members are covered: while an absence runs, their tasks go back to the role (or to the named stand-in), and
 * the role's mail goes to those who cover it. Each hand-over is written to the order's journey.
 */
@Component
class Cover implements RoleCover {

  /** A task handed on: to whom ({@code null} = back to the role). */
  record HandedOver(String taskId, String from, String to) {}

  record Running(String userId, String standIn) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final RoleMembership membership;
  private final JourneyLog journey;

  Cover(JdbcClient jdbc, Clock clock, RoleMembership membership, JourneyLog journey) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.membership = membership;
    this.journey = journey;
  }

  /** The absence of the user that runs now, if any. */
  Optional<Running> absentNow(String userId) {
    return Optional.ofNullable(absentNow(List.of(userId)).get(userId));
  }

  /** The absences that run now of these users, by user, in one query (a role's members at once). */
  Map<String, Running> absentNow(Collection<String> userIds) {
    if (userIds.isEmpty()) {
      return Map.of();
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    Map<String, Running> absent = new HashMap<>();
    jdbc.sql("""
        select user_id, stand_in_user_id as stand_in from crm_holacracy_member_absences
         where user_id in (:userIds) and absent_from <= :now and absent_until > :now""")
        .param("userIds", List.copyOf(new LinkedHashSet<>(userIds))).param("now", now).query(Running.class).list()
        .forEach(running -> absent.putIfAbsent(running.userId(), running));
    return absent;
  }

  /** The user's open tasks go to their stand-in, or back to the role, when the user is absent now. */
  List<HandedOver> returnTasksOf(String userId) {
    Optional<Running> absence = absentNow(userId);
    if (absence.isEmpty()) {
      return List.of();
    }
    List<HandedOver> handed = new ArrayList<>();
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (RoleMembership.AssignedTask task : membership.assignedTo(userId)) {
      String to = absence.get().standIn();
      membership.reassign(task.id(), to);
      handed.add(new HandedOver(task.id(), userId, to));
      jdbc.sql("select id from orders where process_instance_id = :processInstanceId")
          .param("processInstanceId", task.processInstanceId()).query(Long.class).list()
          .forEach(orderId -> journey.record(orderId, "task_handed_over", null, null, null, "system",
              "\"" + task.name() + "\": " + userId + " is absent; " + (to == null
                  ? "the task is back with its role " + String.join(", ", task.candidateGroups())
                  : "handed to the stand-in " + to), now));
    }
    return handed;
  }

  /** Every member absent now: their tasks handed on (rerun-safe, a handed task is not theirs any more). */
  @Transactional
  public int returnTasksOfAbsentMembers() {
    OffsetDateTime now = OffsetDateTime.now(clock);
    int handed = 0;
    for (String userId : jdbc.sql("""
        select distinct user_id from crm_holacracy_member_absences where absent_from <= :now and absent_until > :now""")
        .param("now", now).query(String.class).list()) {
      handed += returnTasksOf(userId).size();
    }
    return handed;
  }

  @Override
  public List<String> coveringUsers(String roleKey, List<String> groupMembers) {
    Set<String> users = new LinkedHashSet<>();
    Map<String, Running> absent = absentNow(groupMembers);
    for (String member : groupMembers) {
      Running absence = absent.get(member);
      if (absence == null) {
        users.add(member);
      } else if (absence.standIn() != null) {
        users.add(absence.standIn());
      }
    }
    return List.copyOf(users);
  }

  @Override
  public Optional<String> standInFor(String userId) {
    return absentNow(userId).map(Running::standIn);
  }

  @Override
  public Optional<String> coverNote(String roleKey, String assignee, String language) {
    boolean ru = !"en".equals(language);
    List<String> notes = new ArrayList<>();
    List<String> people = new ArrayList<>();
    if (assignee != null) {
      people.add(assignee);
    }
    if (roleKey != null) {
      membership.members(roleKey).stream().filter(m -> !m.equals(assignee)).forEach(people::add);
    }
    Map<String, Running> absent = absentNow(people);
    for (String member : people) {
      Optional.ofNullable(absent.get(member)).ifPresent(absence -> notes.add(member + (ru ? " отсутствует" : " is absent")
          + (absence.standIn() == null ? (ru ? ", задачи вернулись роли " : ", tasks back with the role ") + roleKey
              : (ru ? ", замещает " : ", stand-in: ") + absence.standIn())));
    }
    return notes.isEmpty() ? Optional.empty()
        : Optional.of((ru ? "Замещение: " : "Cover: ") + String.join("; ", notes));
  }
}
