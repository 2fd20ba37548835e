package com.cjmflow.holacracy;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import com.cjmflow.platform.AsSystem;
import com.cjmflow.stage.StageEvents;

/**
 * The tensions the service raises itself, each once per cause (a unique cause key; a rerun or a second node raises
 * nothing): a stage SLA escalated to level 2; the same stage breached for the same role N times in an ISO week (N
 * from {@code dmn/holacracy-tension-rules.dmn}); a role the deployed models use that nobody covers today; a member
 * whose assignments add up to more than their capacity. Each links to its evidence. SLA events are heard after the
 * engine step commits, so a failure here never fails the timer.
 */
@Component
class AutomaticTensions {

  static final String DECISION = "holacracy-tension-rules";
  static final String REPEATED_BREACH = "repeated-stage-breach";
  static final String OVER_CAPACITY = "over-capacity";

  private static final Logger LOG = LoggerFactory.getLogger(AutomaticTensions.class);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Tensions tensions;
  private final DecisionService decisions;
  private final AsSystem asSystem;

  AutomaticTensions(JdbcClient jdbc, Clock clock, Tensions tensions, DecisionService decisions,
      AsSystem asSystem) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.tensions = tensions;
    this.decisions = decisions;
    this.asSystem = asSystem;
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void slaMarked(StageEvents.SlaMarked event) {
    try {
      if ("escalation".equals(event.kind()) && event.level() >= 2) {
        escalated(event);
      } else if ("breach".equals(event.kind())) {
        breached(event);
      }
    } catch (RuntimeException e) {
      LOG.warn("No automatic tension for {} of order {} at {}: {}", event.kind(), event.orderId(), event.stage(),
          e.toString());
    }
  }

  Optional<Long> escalated(StageEvents.SlaMarked event) {
    Optional<StageTask> task = taskOf(event.orderId(), event.activityId());
    Long roleId = task.flatMap(t -> roleId(t.roleKey())).orElse(null);
    return tensions.raiseOnce("sla-escalation:order:" + event.orderId() + ":activity:" + event.activityId() + ":due:"
            + (event.dueAt() == null ? "none" : event.dueAt().toInstant()),
        circleOf(roleId), roleId, "operational",
        "SLA of stage " + event.stage() + " on order " + event.orderId() + " escalated to level " + event.level(),
        "The stage's SLA was breached and escalated; find out what holds the order and what the role needs.",
        event.orderId(), event.stage(), task.map(StageTask::taskId).orElse(null),
        "crm_order_stage_instances: order " + event.orderId() + ", activity " + event.activityId() + ", due "
            + event.dueAt() + ", escalation level " + event.level() + " at " + event.markedAt());
  }

  Optional<Long> breached(StageEvents.SlaMarked event) {
    Optional<StageTask> task = taskOf(event.orderId(), event.activityId());
    if (task.isEmpty() || task.get().roleKey() == null) {
      return Optional.empty();
    }
    String roleKey = task.get().roleKey();
    Optional<Integer> threshold = threshold(REPEATED_BREACH, event.stage(), roleKey);
    if (threshold.isEmpty()) {
      return Optional.empty();
    }
    OffsetDateTime at = (event.markedAt() == null ? OffsetDateTime.now(clock) : event.markedAt())
        .withOffsetSameInstant(ZoneOffset.UTC);
    OffsetDateTime weekStart = at.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    List<Long> orders = jdbc.sql("""
        select distinct s.order_id from crm_order_stage_instances s
         where s.stage = :stage and s.is_sla_breached and s.sla_breached_at >= :from and s.sla_breached_at < :to
           and exists (select 1 from tasks t where t.process_instance_id = s.process_instance_id
                         and t.activity_id = s.activity_id and (',' || t.candidate_groups || ',') like :pattern)
         order by s.order_id""")
        .param("stage", event.stage()).param("from", weekStart).param("to", weekStart.plusWeeks(1))
        .param("pattern", "%," + roleKey + ",%").query(Long.class).list();
    if (orders.size() < threshold.get()) {
      return Optional.empty();
    }
    String week = at.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", at.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    Long roleId = roleId(roleKey).orElse(null);
    return tensions.raiseOnce("repeated-breach:stage:" + event.stage() + ":role:" + roleKey + ":week:" + week,
        circleOf(roleId), roleId, "operational",
        "Stage " + event.stage() + " breached " + orders.size() + " times in week " + week + " for " + roleKey,
        "The same stage keeps breaching its SLA for the same role (threshold " + threshold.get() + " a week, "
            + DECISION + "): a tension about how the role works or is staffed.",
        null, event.stage(), null, "breached orders: " + orders);
  }

  /** Every role the deployed models use that nobody covers today (no filler, or all fillers absent). */
  int uncoveredRoles() {
    int raised = 0;
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (UncoveredRole role : jdbc.sql("""
        select r.id, r.role_key, r.circle_id from crm_holacracy_roles r
         where exists (select 1 from crm_holacracy_model_roles m where m.role_key = r.role_key)
           and not exists (select 1 from crm_holacracy_role_assignments a where a.role_id = r.id
                             and a.valid_from <= :now and (a.valid_until is null or a.valid_until > :now)
                             and not exists (select 1 from crm_holacracy_member_absences b where b.user_id = a.user_id
                                               and b.absent_from <= :now and b.absent_until > :now))
         order by r.id""").param("now", now).query(UncoveredRole.class).list()) {
      String key = role.roleKey();
      List<String> tasks = jdbc.sql("""
          select process_key || '/' || activity_id from crm_holacracy_model_roles
          where role_key = :key order by process_key, activity_id""").param("key", key).query(String.class).list();
      raised += tensions.raiseOnce("uncovered-role:" + key, role.circleId(),
          role.id(), "operational", "Nobody covers the role " + key + " today",
          "Deployed models give this role tasks, but nobody fills it or all who do are absent: fill the role or name "
              + "a stand-in.", null, null, null, "crm_holacracy_role_coverage_v; tasks of the role: " + tasks)
          .isPresent() ? 1 : 0;
    }
    return raised;
  }

  /** A member whose current assignments' focus adds up to more than the limit of the decision table. */
  Optional<Long> checkCapacity(String userId) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    Long focus = jdbc.sql("""
        select coalesce(sum(focus_percent), 0) from crm_holacracy_role_assignments
         where user_id = :userId and valid_from <= :now and (valid_until is null or valid_until > :now)""")
        .param("userId", userId).param("now", now).query(Long.class).single();
    Optional<Integer> limit = threshold(OVER_CAPACITY, null, null);
    if (limit.isEmpty() || focus <= limit.get()) {
      return Optional.empty();
    }
    List<String> roles = jdbc.sql("""
        select r.role_key || ' ' || a.focus_percent || '%' from crm_holacracy_role_assignments a
          join crm_holacracy_roles r on r.id = a.role_id
         where a.user_id = :userId and a.valid_from <= :now and (a.valid_until is null or a.valid_until > :now)
         order by a.id""").param("userId", userId).param("now", now).query(String.class).list();
    return tensions.raiseOnce("over-capacity:" + userId, company(), null, "governance",
        userId + " is loaded over capacity (" + focus + " % of their time)",
        "The member's roles ask for more than their time (limit " + limit.get() + " %): rebalance the focus or the "
            + "assignments.", null, null, null, "assignments: " + roles);
  }

  int overCapacityMembers() {
    OffsetDateTime now = OffsetDateTime.now(clock);
    int raised = 0;
    for (String userId : jdbc.sql("""
        select distinct user_id from crm_holacracy_role_assignments
         where valid_from <= :now and (valid_until is null or valid_until > :now)""").param("now", now)
        .query(String.class).list()) {
      raised += checkCapacity(userId).isPresent() ? 1 : 0;
    }
    return raised;
  }

  /** The decision table's threshold for a cause (no row: no tension of that kind). */
  Optional<Integer> threshold(String cause, String stage, String roleKey) {
    var result = asSystem.call(() -> decisions.evaluateDecisionTableByKey(DECISION,
        Variables.putValue("cause", cause).putValue("stage", stage).putValue("roleKey", roleKey)));
    if (result.isEmpty() || result.getFirstResult().getEntry("threshold") == null) {
      return Optional.empty();
    }
    return Optional.of(((Number) result.getFirstResult().getEntry("threshold")).intValue());
  }

  private record StageTask(String taskId, String roleKey) {}

  /** A task as {@code tasks} mirrors it: its candidate groups comma-separated. */
  private record TaskRow(String taskId, String candidateGroups) {}

  /** A role the deployed models use that nobody covers now. */
  private record UncoveredRole(long id, String roleKey, long circleId) {}

  /** The order's latest task at the activity, and its first candidate group that is a role. */
  private Optional<StageTask> taskOf(long orderId, String activityId) {
    return jdbc.sql("""
        select task_id, candidate_groups from tasks where order_id = :orderId and activity_id = :activityId
         order by created_at desc, id desc""").param("orderId", orderId).param("activityId", activityId)
        .query(TaskRow.class).list().stream().findFirst().map(task -> new StageTask(task.taskId(),
            task.candidateGroups() == null ? null : java.util.Arrays.stream(task.candidateGroups().split(","))
                .map(String::strip).filter(g -> roleId(g).isPresent()).findFirst().orElse(null)));
  }

  private Optional<Long> roleId(String roleKey) {
    return roleKey == null ? Optional.empty() : jdbc.sql("select id from crm_holacracy_roles where role_key = :key")
        .param("key", roleKey).query(Long.class).list().stream().findFirst();
  }

  private long circleOf(Long roleId) {
    return roleId == null ? company()
        : jdbc.sql("select circle_id from crm_holacracy_roles where id = :id").param("id", roleId).query(Long.class)
            .single();
  }

  private long company() {
    return jdbc.sql("select id from crm_holacracy_circles where circle_key = :key").param("key", Structure.COMPANY)
        .query(Long.class).single();
  }
}
