package com.cjmflow.holacracy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.stereotype.Service;

/**
 * The two read models: circles with their roles and fillers, and the overview (plus coverage gaps from
 * {@code crm_holacracy_role_coverage_v}, open tensions by circle from {@code crm_holacracy_tensions_live_v}, parked
 * topics).
 */
@Service
public class Overview {

  @Schema(name = "HolacracyFiller")
  public record Filler(long assignmentId, String userId, String displayName, int focusPercent,
      OffsetDateTime from, OffsetDateTime until, boolean absent, String standIn, BigDecimal weeklyCapacityHours) {}

  @Schema(name = "HolacracyCoverage")
  public record Coverage(long roleId, String roleKey, String roleName, long circleId, String circleKey,
      long modelTasks, boolean usedByModels, long fillers, long coveringFillers, BigDecimal capacityHours,
      long openTasks, long overdueTasks, boolean coveredToday) {}

  @Schema(name = "HolacracyRoleView")
  public record RoleView(Structure.Role role, List<Filler> fillers, Coverage coverage) {}

  @Schema(name = "HolacracyCircleView")
  public record CircleView(Structure.Circle circle, List<RoleView> roles) {}

  @Schema(name = "HolacracyTensionCount")
  public record TensionCount(long circleId, String circleKey, long open, long triaged, long inProgress,
      long parked) {}

  @Schema(name = "HolacracyOverview")
  public record View(List<CircleView> circles, List<Coverage> coverageGaps, List<TensionCount> openTensionsByCircle,
      List<Parking.Session> parkedTopics) {}

  /** A current assignment of a role with its member's profile and absence now. */
  private record FillerRow(long roleId, long id, String userId, String displayName, int focusPercent,
      OffsetDateTime validFrom, OffsetDateTime validUntil, long absences, String standIn,
      BigDecimal weeklyCapacityHours) {

    Filler filler() {
      return new Filler(id, userId, displayName, focusPercent, validFrom, validUntil, absences > 0, standIn,
          weeklyCapacityHours);
    }
  }

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Structure structure;
  private final Parking parking;

  Overview(JdbcClient jdbc, Clock clock, Structure structure, Parking parking) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.structure = structure;
    this.parking = parking;
  }

  public List<CircleView> circles() {
    Map<Long, Coverage> coverage = coverage().stream().collect(Collectors.toMap(Coverage::roleId, Function.identity()));
    Map<Long, List<Filler>> fillers = fillers();
    List<Structure.Role> roles = structure.roles();
    return structure.circles().stream().map(circle -> new CircleView(circle, roles.stream()
        .filter(role -> role.circleId() == circle.id())
        .map(role -> new RoleView(role, fillers.getOrDefault(role.id(), List.of()), coverage.get(role.id())))
        .toList())).toList();
  }

  public View overview() {
    List<TensionCount> tensions = jdbc.sql("""
        select c.id as circle_id, c.circle_key,
               sum(case when v.state = 'open' then 1 else 0 end) as "open",
               sum(case when v.state = 'triaged' then 1 else 0 end) as triaged,
               sum(case when v.state = 'in_progress' then 1 else 0 end) as in_progress,
               sum(case when v.state = 'parked' then 1 else 0 end) as parked
          from crm_holacracy_circles c left join crm_holacracy_tensions_live_v v on v.circle_id = c.id
         group by c.id, c.circle_key order by c.id""").query(TensionCount.class).list();
    List<Coverage> gaps = coverage().stream().filter(c -> c.usedByModels() && !c.coveredToday()).toList();
    return new View(circles(), gaps, tensions, parking.list(null, Parking.PARKED, 0, 200).items());
  }

  public List<Coverage> coverage() {
    return jdbc.sql("select * from crm_holacracy_role_coverage_v order by circle_id, role_id")
        .query(Coverage.class).list();
  }

  private Map<Long, List<Filler>> fillers() {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return jdbc.sql("""
        select a.id, a.role_id, a.user_id, a.focus_percent, a.valid_from, a.valid_until, p.display_name,
               p.weekly_capacity_hours,
               (select max(b.stand_in_user_id) from crm_holacracy_member_absences b where b.user_id = a.user_id
                  and b.absent_from <= :now and b.absent_until > :now) as stand_in,
               (select count(*) from crm_holacracy_member_absences b where b.user_id = a.user_id
                  and b.absent_from <= :now and b.absent_until > :now) as absences
          from crm_holacracy_role_assignments a left join crm_holacracy_member_profiles p on p.user_id = a.user_id
         where a.valid_from <= :now and (a.valid_until is null or a.valid_until > :now)
         order by a.role_id, a.id""").param("now", now).query(FillerRow.class).list().stream()
        .collect(Collectors.groupingBy(FillerRow::roleId, java.util.LinkedHashMap::new,
            Collectors.mapping(FillerRow::filler, Collectors.toList())));
  }
}
