package com.cjmflow.cases;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.DecisionRows;
import com.cjmflow.sla.SlaCalendar;
import com.cjmflow.sla.StageSla;

/**
 * {@code dmn/case-routing.dmn}: case kind × amount × customer tier × reason → approval required, approver role,
 * settlement, resolution budget, whose clock and its calendar. Evaluated inside the engine command of the case.
 */
@Component
public class CaseRouting {

  public static final String DECISION_KEY = "case-routing";

  /** The routing of one case; {@code dueAt} is the resolution budget counted in the calendar from {@code from}. */
  public record Route(boolean approvalRequired, String approverRole, String settlement, Duration budget,
      String clockOwner, String calendarId, OffsetDateTime dueAt) {}

  private final StageSla sla;

  CaseRouting(StageSla sla) {
    this.sla = sla;
  }

  public Route route(String kind, BigDecimal amount, String customerTier, String reasonCode, String sellerCountry,
      Instant from) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("caseKind", kind);
    facts.put("amountEur", amount == null ? 0.0 : amount.doubleValue());
    facts.put("customerTier", customerTier);
    facts.put("reasonCode", reasonCode);
    var row = DecisionRows.first(DECISION_KEY, facts)
        .orElseThrow(() -> new ProcessEngineException("No row in " + DECISION_KEY + " for case kind " + kind));
    Duration budget = Duration.parse(row.<String>getEntry("resolutionBudget"));
    String calendarId = StageSla.calendarId(row.getEntry("calendar"), sellerCountry);
    SlaCalendar calendar = sla.calendar(calendarId);
    Instant due = calendar.plus(from, budget).dueAt();
    return new Route(Boolean.TRUE.equals(row.getEntry("approvalRequired")), row.getEntry("approverRole"),
        row.getEntry("settlement"), budget, row.getEntry("clockOwner"), calendar.id(), due.atOffset(ZoneOffset.UTC));
  }
}
