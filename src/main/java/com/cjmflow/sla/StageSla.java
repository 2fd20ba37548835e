package com.cjmflow.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.util.function.SingletonSupplier;

import com.cjmflow.calendar.BusinessDue;
import com.cjmflow.platform.CommandScoped;
import com.cjmflow.platform.DecisionRows;
import com.cjmflow.platform.EngineClock;
import com.cjmflow.platform.ModelProperties;
import com.cjmflow.platform.SharedVariables;
import com.cjmflow.stage.ResumedStage;
import com.cjmflow.stage.StagePolicy;

/**
 * The stage SLA policy: {@code dmn/stage-sla.dmn} evaluated with the stage and the order's facts (its process
 * variables). Durations are business time in the calendar the table names for the party whose clock runs. The BPMN
 * refers to it on every SLA timer — {@code ${stageSla.warnAt(execution)}}, {@code ${stageSla.dueAt(execution)}},
 * {@code ${stageSla.escalateAt(execution, level)}} — and the stage tracker uses it for the stage instance and the
 * task due date, so all agree to the millisecond. No SLA value lives in Java or BPMN.
 */
public class StageSla implements StagePolicy {

  public static final String DECISION_KEY = "stage-sla";
  /** The calendar name that stands for the calendar of the order's seller country. */
  /** The extension property that names a wait state's stage. */
  public static final String STAGE = "stage";
  static final String SELLER = "seller";

  /** One row of the table. */
  public record Sla(Duration budget, String clockOwner, String calendar, boolean countsAgainstManager,
      double warnAt, Duration escalateAfter) {}

  /**
   * A stage visit's SLA: its clock start and due date in its business calendar, and why that date; its warning point
   * and escalation interval ({@link Rungs}) as soon as a timer asks for them.
   */
  record Visit(Date startedAt, Date dueAt, String clockOwner, String calendarId, boolean countsAgainstManager,
      Supplier<Rungs> rungs, String explanation) {

    Date warnAt() {
      return rungs.get().warnAt();
    }

    Duration escalateAfter() {
      return rungs.get().escalateAfter();
    }
  }

  /** When a visit's warning is due and how far apart its escalation levels are. */
  record Rungs(Date warnAt, Duration escalateAfter) {}

  private final Function<String, SlaCalendar> calendars;
  private final CommandScoped<String, Optional<Visit>> visits = new CommandScoped<>();

  public StageSla(Function<String, SlaCalendar> calendars) {
    this.calendars = calendars;
  }

  /** The due date of the stage the execution is in (the breach timer). Needs a command context. */
  public Date dueAt(DelegateExecution execution) {
    return require(execution).dueAt();
  }

  /** When the warning point of the stage's budget is reached (the warning timer). */
  public Date warnAt(DelegateExecution execution) {
    return require(execution).warnAt();
  }

  /** When escalation level {@code level} (2, 3, …) is due: the due date plus (level − 1) escalation intervals. */
  public Date escalateAt(DelegateExecution execution, int level) {
    Visit due = require(execution);
    SlaCalendar calendar = calendars.apply(due.calendarId());
    return Date.from(calendar.plus(due.dueAt().toInstant(), due.escalateAfter().multipliedBy(level - 1L)).dueAt());
  }

  @Override
  public Optional<StageDue> due(DelegateExecution execution, String stage) {
    return visit(execution, stage).map(due -> new StageDue(due.startedAt(), due.dueAt(), due.clockOwner(),
        due.calendarId(), due.countsAgainstManager(), due.explanation()));
  }

  /**
   * The SLA of the stage visit the execution is in, computed once per visit (activity instance) within a command,
   * so the timers, the task and the stage instance agree. Empty when the table has no row for the stage.
   */
  Optional<Visit> visit(DelegateExecution execution, String stage) {
    String visit = execution.getActivityInstanceId();
    Map<String, Optional<Visit>> cache = cacheOfThisCommand();
    Optional<StageDue> recorded = StagePolicy.recorded(visit);
    if (visit != null && recorded.isEmpty() && cache.containsKey(visit)) {
      return cache.get(visit);
    }
    Instant now = ResumedStage.of(execution).map(Date::toInstant).orElseGet(() -> EngineClock.now().toInstant());
    Optional<Visit> due = recorded.isPresent() ? Optional.of(restore(recorded.get(), stage, execution))
        : evaluate(stage, execution.getVariables()).map(sla -> due(sla, now, execution));
    if (visit != null) {
      cache.put(visit, due);
    }
    return due;
  }

  /** Evaluates the latest deployed SLA table for a stage; empty when no row matches. Needs a command context. */
  public Optional<Sla> evaluate(String stage, Map<String, Object> facts) {
    VariableMap variables = Variables.fromMap(facts).putValue("stage", stage);
    variables.putIfAbsent("customerTier", null);
    return DecisionRows.firstUnrecorded(DECISION_KEY, variables).filter(row -> row.getEntry("slaDuration") != null)
        .map(StageSla::sla);
  }

  /**
   * How often an outside party that overran its budget is chased (the row's {@code remindEvery}); empty when the
   * row names none (the manager's own clock) or there is no row. No decision history: the reminder follow-up it
   * schedules records what it decided. Needs a command context.
   */
  public Optional<Duration> remindEvery(String stage, Map<String, Object> facts) {
    VariableMap variables = Variables.fromMap(facts).putValue("stage", stage);
    variables.putIfAbsent("customerTier", null);
    return DecisionRows.firstUnrecorded(DECISION_KEY, variables).map(row -> row.<String>getEntry("remindEvery"))
        .filter(every -> !every.isBlank()).map(Duration::parse);
  }

  /** A matched row of the table (with a {@code slaDuration}) as the policy reads it. */
  public static Sla sla(DmnDecisionResultEntries row) {
    return new Sla(Duration.parse(row.<String>getEntry("slaDuration")), row.getEntry("clockOwner"),
        row.getEntry("calendar"), Boolean.TRUE.equals(row.getEntry("countsAgainstManager")),
        row.getEntry("warnAt") == null ? 1.0 : ((Number) row.getEntry("warnAt")).doubleValue(),
        row.getEntry("escalateAfter") == null ? Duration.ZERO : Duration.parse(row.getEntry("escalateAfter")));
  }

  /** The calendar id a table row means for this order: "seller" is the seller country's calendar. */
  public static String calendarId(String calendar, Object sellerCountry) {
    if (calendar == null) {
      return "always";
    }
    return SELLER.equals(calendar) && sellerCountry != null ? "seller-" + sellerCountry : calendar;
  }

  public SlaCalendar calendar(String id) {
    return calendars.apply(id);
  }

  private Visit due(Sla sla, Instant start, DelegateExecution execution) {
    SlaCalendar calendar = calendars.apply(calendarId(sla.calendar(), SharedVariables.SELLER_COUNTRY.from(execution)));
    BusinessDue due = calendar.plus(start, sla.budget());
    Duration working = calendar.between(start, due.dueAt());
    Instant warnAt = calendar.plusWorkingTime(start, Duration.ofMillis(Math.round(working.toMillis() * sla.warnAt())));
    Rungs rungs = new Rungs(Date.from(warnAt), sla.escalateAfter());
    return new Visit(Date.from(start), Date.from(due.dueAt()), sla.clockOwner(), calendar.id(),
        sla.countsAgainstManager(), () -> rungs, due.explanation());
  }

  /**
   * A visit whose SLA the stage instance records (the ladder arming a later rung): its clock start and due date as
   * recorded, the table's warning point and escalation interval. The table is evaluated only when a timer asks for
   * those: arming the breach after the warning needs the recorded due date alone.
   */
  private Visit restore(StageDue recorded, String stage, DelegateExecution execution) {
    SlaCalendar calendar = calendars.apply(recorded.calendarId() == null ? "always" : recorded.calendarId());
    Supplier<Rungs> rungs = SingletonSupplier.of(() -> {
      Optional<Sla> row = evaluate(stage, execution.getVariables());
      Instant start = recorded.startedAt().toInstant();
      Duration working = calendar.between(start, recorded.dueAt().toInstant());
      Instant warnAt = calendar.plusWorkingTime(start,
          Duration.ofMillis(Math.round(working.toMillis() * row.map(Sla::warnAt).orElse(1.0))));
      return new Rungs(Date.from(warnAt), row.map(Sla::escalateAfter).orElse(Duration.ZERO));
    });
    return new Visit(recorded.startedAt(), recorded.dueAt(), recorded.clockOwner(), calendar.id(),
        recorded.countsAgainstManager(), rungs, recorded.explanation());
  }

  private Visit require(DelegateExecution execution) {
    String stage = ModelProperties.of(execution, STAGE)
        .orElseThrow(() -> new ProcessEngineException("No 'stage' property on " + execution.getCurrentActivityId()));
    return visit(execution, stage)
        .orElseThrow(() -> new ProcessEngineException("No row in " + DECISION_KEY + " for stage " + stage));
  }

  private Map<String, Optional<Visit>> cacheOfThisCommand() {
    Map<String, Optional<Visit>> cache = visits.current();
    return cache != null ? cache : new HashMap<>();
  }
}
