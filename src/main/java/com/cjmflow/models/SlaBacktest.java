package com.cjmflow.models;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicReference;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.cjmflow.platform.AsSystem;
import com.cjmflow.platform.CurrentUser;
import com.cjmflow.platform.EngineClock;
import com.cjmflow.sla.SlaCalendar;
import com.cjmflow.sla.StageSla;

/**
 * Tries a candidate {@code stage-sla} table on past stage visits before it goes live: every visit of a period is
 * evaluated under the baseline (the deployed table, or a second candidate) and under the candidate, with the same
 * business calendars and pauses, and the answer compares breaches, warnings, escalations to the head of sales and
 * stall flags per stage and tier, and lists the visits that flip. Nothing is deployed.
 *
 * <p>The history is read with three set-based queries; each distinct set of facts is evaluated once per table, so
 * the cost per visit is the calendar arithmetic. Candidates run in a DMN engine of their own that knows FEEL only:
 * expressions in other languages fail to evaluate, so an uploaded table cannot run code.
 *
 * <p>The latest run is kept ({@link #latest()}, shown on the dashboard next to the heatmap): in this node's memory,
 * since its start — a run writes nothing.
 */
@Service
public class SlaBacktest {

  /** Parties whose clock is not ours: an overrun there is a delay, not a stall (as the stall flags read it). */
  private static final Set<String> OUTSIDE_PARTIES = Set.of("client", "seller", "carrier");
  private static final int MAX_FLIPS_LISTED = 500;

  public record Counts(long breaches, long warnings, long escalations, long stalls) {}

  public record Group(String stage, String tier, long visits, long unmatched, Counts baseline, Counts candidate) {}

  public record Flip(long orderId, long stageInstanceId, String stage, boolean breachedBefore,
      boolean breachedWithCandidate) {}

  public record Result(OffsetDateTime from, OffsetDateTime to, String baseline, String candidate, long visits,
      Counts recorded, Counts baselineTotals, Counts candidateTotals, List<Group> byStageAndTier,
      long flippedToBreached, long flippedToMet, List<Flip> flips) {}

  /** The latest run: its result, who ran it and when. */
  public record Latest(Result result, String ranBy, OffsetDateTime ranAt) {}

  /** A table to evaluate: where it came from and its decision. */
  public record Table(String description, DmnDecision decision) {}

  private record Visit(long id, long orderId, String stage, Instant enteredAt, Instant leftAt, boolean breached,
      boolean warned, int escalationLevel, boolean onHold, Map<String, Object> facts) {}

  /** A stage visit of the period with its order's facts, as the query reads it. */
  private record VisitRow(long id, long orderId, String stage, OffsetDateTime enteredAt, OffsetDateTime leftAt,
      boolean isSlaBreached, OffsetDateTime slaWarnedAt, int escalationLevel, boolean onHold, String tier,
      String sellerCountry, boolean reserveRequired, boolean expertInspection, BigDecimal priceAmount) {

    Visit visit() {
      return new Visit(id, orderId, stage, enteredAt.toInstant(), leftAt == null ? null : leftAt.toInstant(),
          isSlaBreached, slaWarnedAt != null, escalationLevel, onHold,
          facts(stage, tier, sellerCountry, reserveRequired, expertInspection, priceAmount));
    }
  }

  /** A pause of a visit of the period; an open one lasts until now. */
  private record PauseRow(long stageInstanceId, OffsetDateTime startedAt, OffsetDateTime endedAt) {}

  private record Outcome(boolean matched, boolean breached, boolean warned, boolean escalated, boolean stalled) {}

  private final JdbcClient jdbc;
  private final StageSla sla;
  private final RepositoryService repository;
  private final AsSystem asSystem;
  private final CurrentUser currentUser;
  private final DmnEngine feelOnly = feelOnlyEngine();
  private final AtomicReference<Latest> latest = new AtomicReference<>();

  SlaBacktest(JdbcClient jdbc, StageSla sla, RepositoryService repository, AsSystem asSystem,
      CurrentUser currentUser) {
    this.currentUser = currentUser;
    this.jdbc = jdbc;
    this.sla = sla;
    this.repository = repository;
    this.asSystem = asSystem;
  }

  /** A candidate table from an upload; 400 when it is not a DMN with the {@code stage-sla} decision. */
  public Table candidate(String description, byte[] dmn) {
    DmnDecision decision;
    try {
      decision = feelOnly.parseDecision(StageSla.DECISION_KEY, new ByteArrayInputStream(dmn));
    } catch (RuntimeException invalid) {
      throw new CandidateInvalid(description + " is not a DMN file with the decision '" + StageSla.DECISION_KEY
          + "': " + invalid.getMessage());
    }
    Table table = new Table(description, decision);
    row(table, new HashMap<>(), facts("", null, null, false, false, null));
    return table;
  }

  /** The deployed table (latest version), parsed the same way as a candidate. */
  public Table deployed() {
    return asSystem.call(() -> {
      DecisionDefinition latest = repository.createDecisionDefinitionQuery()
          .decisionDefinitionKey(StageSla.DECISION_KEY).latestVersion().singleResult();
      if (latest == null) {
        throw new ModelNotFound("Decision " + StageSla.DECISION_KEY);
      }
      try (InputStream in = repository.getResourceAsStream(latest.getDeploymentId(), latest.getResourceName())) {
        return candidate("deployed " + StageSla.DECISION_KEY + " version " + latest.getVersion(), in.readAllBytes());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  public Result run(Table baseline, Table candidate, OffsetDateTime from, OffsetDateTime to) {
    if (!from.isBefore(to)) {
      throw new CandidateInvalid("The period is empty: 'from' must be before 'to'");
    }
    Instant now = EngineClock.now().toInstant();
    Map<Long, List<Instant[]>> pauses = pauses(from, to, now);
    Set<Long> withOpenFollowup = ordersWithOpenFollowup(from, to);
    Map<Map<String, Object>, Optional<StageSla.Sla>> baselineRows = new HashMap<>();
    Map<Map<String, Object>, Optional<StageSla.Sla>> candidateRows = new HashMap<>();
    Map<String, long[]> groups = new TreeMap<>();
    long[] recorded = new long[4];
    long[] baseTotals = new long[4];
    long[] candTotals = new long[4];
    long[] flipped = new long[2];
    List<Flip> flips = new ArrayList<>();
    long[] count = {0};
    Map<String, SlaCalendar> calendars = new HashMap<>();
    try (Stream<VisitRow> rows = jdbc.sql("""
        select si.id, si.order_id, si.stage, si.entered_at, si.left_at, si.is_sla_breached, si.sla_warned_at,
               si.escalation_level, si.on_hold, c.tier, o.seller_country, o.reserve_required, o.expert_inspection,
               o.price_amount
        from crm_order_stage_instances si
          join orders o on o.id = si.order_id
          join customers c on c.id = o.customer_id
        where si.entered_at >= :from and si.entered_at < :to""").param("from", from).param("to", to)
        .query(VisitRow.class).stream()) {
      rows.map(VisitRow::visit).forEach(visit -> {
        Map<String, Object> facts = visit.facts();
        count[0]++;
        Outcome before = outcome(visit, row(baseline, baselineRows, facts), calendars, pauses, withOpenFollowup, now);
        Outcome after = outcome(visit, row(candidate, candidateRows, facts), calendars, pauses, withOpenFollowup, now);
        add(recorded, visit.breached(), visit.warned(), visit.escalationLevel() >= 2, false);
        add(baseTotals, before);
        add(candTotals, after);
        long[] group = groups.computeIfAbsent(visit.stage() + "\u0000" + facts.get("customerTier"), k -> new long[10]);
        group[0]++;
        if (!after.matched()) {
          group[1]++;
        }
        addAt(group, 2, before);
        addAt(group, 6, after);
        if (before.breached() != after.breached()) {
          flipped[after.breached() ? 0 : 1]++;
          if (flips.size() < MAX_FLIPS_LISTED) {
            flips.add(new Flip(visit.orderId(), visit.id(), visit.stage(), before.breached(), after.breached()));
          }
        }
      });
    }
    List<Group> byGroup = new ArrayList<>();
    groups.forEach((key, g) -> {
      String[] parts = key.split("\u0000", 2);
      byGroup.add(new Group(parts[0], "null".equals(parts[1]) ? null : parts[1], g[0], g[1],
          new Counts(g[2], g[3], g[4], g[5]), new Counts(g[6], g[7], g[8], g[9])));
    });
    Result result = new Result(from, to, baseline.description(), candidate.description(), count[0],
        counts(recorded), counts(baseTotals), counts(candTotals), byGroup, flipped[0], flipped[1], flips);
    latest.set(new Latest(result, currentUser.id().orElse("system"), EngineClock.now()));
    return result;
  }

  /** The latest run on this node since its start, if any. */
  public Optional<Latest> latest() {
    return Optional.ofNullable(latest.get());
  }

  /** The facts a stage visit is evaluated with: the order-flow variables the SLA table may read. */
  private static Map<String, Object> facts(String stage, String tier, String sellerCountry, boolean reserve,
      boolean expert, BigDecimal price) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("stage", stage);
    facts.put("customerTier", tier);
    facts.put("sellerCountry", sellerCountry);
    facts.put("reserveRequired", reserve);
    facts.put("expertInspection", expert);
    facts.put("priceEur", price);
    return facts;
  }

  private Optional<StageSla.Sla> row(Table table, Map<Map<String, Object>, Optional<StageSla.Sla>> cache,
      Map<String, Object> facts) {
    return cache.computeIfAbsent(facts, f -> {
      try {
        DmnDecisionResultEntries first = feelOnly.evaluateDecision(table.decision(), Variables.fromMap(f))
            .getFirstResult();
        return first == null || first.getEntry("slaDuration") == null ? Optional.empty()
            : Optional.of(StageSla.sla(first));
      } catch (RuntimeException failed) {
        throw new CandidateInvalid(table.description() + " cannot be evaluated for " + f + ": "
            + failed.getMessage());
      }
    });
  }

  private Outcome outcome(Visit visit, Optional<StageSla.Sla> row, Map<String, SlaCalendar> calendars,
      Map<Long, List<Instant[]>> pauses, Set<Long> withOpenFollowup, Instant now) {
    if (row.isEmpty()) {
      return new Outcome(false, false, false, false, false);
    }
    StageSla.Sla policy = row.get();
    SlaCalendar calendar = calendars.computeIfAbsent(
        StageSla.calendarId(policy.calendar(), visit.facts().get("sellerCountry")), sla::calendar);
    Instant start = visit.enteredAt();
    Instant due = calendar.dueAt(start, policy.budget());
    Duration paused = Duration.ZERO;
    for (Instant[] pause : pauses.getOrDefault(visit.id(), List.of())) {
      paused = paused.plus(calendar.between(pause[0], pause[1]));
    }
    Instant end = visit.leftAt() == null ? now : visit.leftAt();
    // a pause moves the due by the business time it lasted; so it lengthens the time that counts
    Instant pausedDue = paused.isZero() ? due : calendar.plusWorkingTime(due, paused);
    boolean breached = end.isAfter(pausedDue);
    boolean warned = breached || warned(calendar, start, due, end, paused, policy.warnAt());
    boolean escalated = breached && end.isAfter(calendar.dueAt(pausedDue, policy.escalateAfter()));
    boolean stalled = visit.leftAt() == null && breached && !visit.onHold()
        && !OUTSIDE_PARTIES.contains(policy.clockOwner()) && !withOpenFollowup.contains(visit.orderId());
    return new Outcome(true, breached, warned, escalated, stalled);
  }

  /** Past the warning point: more than the warning share of the budget's business time has run (pauses excluded). */
  private static boolean warned(SlaCalendar calendar, Instant start, Instant due, Instant end, Duration paused,
      double share) {
    long budget = calendar.between(start, due).toMillis();
    long ran = calendar.between(start, end).minus(paused).toMillis();
    return ran > Math.round(budget * share);
  }

  private Map<Long, List<Instant[]>> pauses(OffsetDateTime from, OffsetDateTime to, Instant now) {
    Map<Long, List<Instant[]>> pauses = new HashMap<>();
    for (PauseRow pause : jdbc.sql("""
        select p.stage_instance_id, p.started_at, p.ended_at
        from crm_stage_pauses p join crm_order_stage_instances si on si.id = p.stage_instance_id
        where si.entered_at >= :from and si.entered_at < :to""").param("from", from).param("to", to)
        .query(PauseRow.class).list()) {
      pauses.computeIfAbsent(pause.stageInstanceId(), id -> new ArrayList<>()).add(new Instant[] {
          pause.startedAt().toInstant(), pause.endedAt() == null ? now : pause.endedAt().toInstant()});
    }
    return pauses;
  }

  private Set<Long> ordersWithOpenFollowup(OffsetDateTime from, OffsetDateTime to) {
    return Set.copyOf(jdbc.sql("""
        select distinct f.order_id from crm_manager_followups f
        where f.status = 'open' and f.order_id in
          (select si.order_id from crm_order_stage_instances si where si.entered_at >= :from and si.entered_at < :to
             and si.left_at is null)""").param("from", from).param("to", to).query(Long.class).list());
  }

  private static void add(long[] totals, Outcome outcome) {
    add(totals, outcome.breached(), outcome.warned(), outcome.escalated(), outcome.stalled());
  }

  private static void add(long[] totals, boolean breached, boolean warned, boolean escalated, boolean stalled) {
    totals[0] += breached ? 1 : 0;
    totals[1] += warned ? 1 : 0;
    totals[2] += escalated ? 1 : 0;
    totals[3] += stalled ? 1 : 0;
  }

  private static void addAt(long[] group, int at, Outcome outcome) {
    group[at] += outcome.breached() ? 1 : 0;
    group[at + 1] += outcome.warned() ? 1 : 0;
    group[at + 2] += outcome.escalated() ? 1 : 0;
    group[at + 3] += outcome.stalled() ? 1 : 0;
  }

  private static Counts counts(long[] totals) {
    return new Counts(totals[0], totals[1], totals[2], totals[3]);
  }

  /**
   * A DMN engine that evaluates FEEL and nothing else: no EL provider and no script engines, so a candidate whose
   * expressions are written in JUEL or a script language fails instead of running.
   */
  private static DmnEngine feelOnlyEngine() {
    return com.cjmflow.platform.DecisionRows.feelOnlyEngine(
        refused -> new CandidateInvalid("Only FEEL is allowed in a candidate table, not " + refused));
  }
}
