package com.cjmflow.backfill.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;

import com.cjmflow.sla.SlaCalendar;
import com.cjmflow.sla.StageSla;

/**
 * The stage SLA of past visits, as the live flow computes it: the deployed {@code stage-sla} table, evaluated once
 * per stage and tier for the whole run, and the business calendar its row names, from the visit's entry.
 */
final class SlaRows {

  /** A visit's SLA: due date, whose clock, which calendar, why. */
  record Due(Instant dueAt, String clockOwner, String calendarId, boolean countsAgainstManager, String explanation) {}

  private final DecisionService decisions;
  private final StageSla stageSla;
  private final Map<String, Optional<StageSla.Sla>> rows = new HashMap<>();
  private final Map<String, SlaCalendar> calendars = new HashMap<>();

  SlaRows(DecisionService decisions, StageSla stageSla) {
    this.decisions = decisions;
    this.stageSla = stageSla;
  }

  Optional<Due> due(String stage, String tier, String sellerCountry, Instant enteredAt) {
    Optional<StageSla.Sla> row = rows.computeIfAbsent(stage + "|" + tier, key -> {
      DmnDecisionResultEntries first = decisions.evaluateDecisionByKey(StageSla.DECISION_KEY)
          .variables(Variables.putValue("stage", stage).putValue("customerTier", tier)).evaluate().getFirstResult();
      return first == null || first.getEntry("slaDuration") == null ? Optional.empty()
          : Optional.of(StageSla.sla(first));
    });
    return row.map(sla -> {
      String calendarId = StageSla.calendarId(sla.calendar(), sellerCountry);
      SlaCalendar calendar = calendars.computeIfAbsent(calendarId, stageSla::calendar);
      return new Due(calendar.dueAt(enteredAt, sla.budget()), sla.clockOwner(), calendar.id(),
          sla.countsAgainstManager(), "backfilled: " + sla.budget() + " business time in " + calendar.id()
              + " from the stage's entry");
    });
  }
}
