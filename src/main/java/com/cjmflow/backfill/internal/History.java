package com.cjmflow.backfill.internal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One order's stage visits rebuilt from its legacy status events by the documented repair rules (README
 * "Backfill"): events sorted by parsed time; unknown spellings normalised; a missing beginning, holes and a current
 * status the log never reached each get a visit of their own, marked as repaired; every repair is reported.
 */
public final class History {

  /** A stage visit: entered at {@code at}; {@code actor} is the legacy {@code changed_by}; {@code repair} null if logged. */
  public record Visit(String stage, OffsetDateTime at, String actor, String repair) {}

  private static final String EVENTS = "order_status_events";
  private static final String ORDERS = "orders";

  private History() {}

  /**
   * @param stages every stage of the deployed model (wait states and end events)
   * @param firstStage the stage the model's flow reaches first
   * @param status the order's normalised current status (a stage of the model)
   */
  public static List<Visit> of(LegacyRow order, String status, OffsetDateTime createdAt, List<LegacyRow> events,
      Set<String> stages, String firstStage, Set<String> terminal, Map<String, String> aliases, Report report) {
    record Logged(long id, String from, String to, OffsetDateTime at, String actor) {}
    List<Logged> logged = new ArrayList<>();
    for (LegacyRow event : events) {
      OffsetDateTime at = Legacy.time(event.raw("changed_at"));
      String from = Legacy.status(event.str("from_status"), aliases);
      String to = Legacy.status(event.str("to_status"), aliases);
      if (at == null) {
        report.rejected(EVENTS, event.id(), "unreadable_time", "changed_at '" + event.str("changed_at") + "'");
        continue;
      }
      if (to == null || !stages.contains(to) || (from != null && !stages.contains(from))) {
        report.rejected(EVENTS, event.id(), "unknown_status",
            "'" + event.str("from_status") + "' → '" + event.str("to_status") + "' is no stage of the model");
        continue;
      }
      if (!to.equals(event.str("to_status")) || (from != null && !from.equals(event.str("from_status")))) {
        report.repaired(EVENTS, event.id(), "noncanonical_spelling",
            "'" + event.str("from_status") + "' → '" + event.str("to_status") + "' read as " + from + " → " + to);
      }
      logged.add(new Logged(event.id(), from, to, at, event.str("changed_by")));
    }
    List<Logged> byTime = new ArrayList<>(logged);
    byTime.sort(Comparator.comparing(Logged::at).thenComparing(Logged::id));
    if (!byTime.equals(logged)) {
      report.repaired(ORDERS, order.id(), "events_out_of_id_order",
          "events recorded late: ordered by their parsed changed_at, not by id");
    }
    List<Visit> visits = new ArrayList<>();
    if (byTime.isEmpty()) {
      visits.add(new Visit(firstStage, createdAt, null, "no_events"));
      report.repaired(ORDERS, order.id(), "no_events",
          "no status events: history rebuilt from the order row (created_at, current status)");
    } else {
      Logged head = byTime.get(0);
      if (head.from() != null) {
        OffsetDateTime at = createdAt.isBefore(head.at()) ? createdAt : head.at();
        visits.add(new Visit(head.from(), at, null, "history_starts_midway"));
        report.repaired(ORDERS, order.id(), "history_starts_midway", "first logged event leaves " + head.from()
            + ": that stage is taken as entered when the order was created");
      }
      for (Logged event : byTime) {
        Visit previous = visits.isEmpty() ? null : visits.get(visits.size() - 1);
        if (previous != null && event.from() != null && !event.from().equals(previous.stage())) {
          OffsetDateTime mid = previous.at().plus(Duration.between(previous.at(), event.at()).dividedBy(2));
          visits.add(new Visit(event.from(), mid, null, "history_gap"));
          report.repaired(ORDERS, order.id(), "history_gap", "event " + event.id() + " leaves " + event.from()
              + " but the log was at " + previous.stage() + ": " + event.from()
              + " inserted, entered halfway between the two logged changes");
        }
        visits.add(new Visit(event.to(), event.at(), event.actor(), null));
      }
    }
    Visit last = visits.get(visits.size() - 1);
    if (!last.stage().equals(status)) {
      OffsetDateTime at = statusTime(order, status, terminal, last.at());
      visits.add(new Visit(status, at, null, byTime.isEmpty() ? "no_events" : "status_mismatch"));
      if (!byTime.isEmpty()) {
        report.repaired(ORDERS, order.id(), "status_mismatch", "orders.status is " + status + " but the last event"
            + " reached " + last.stage() + ": the current status wins, entered at the order's last update");
      }
    }
    return visits;
  }

  /** When the order reached its current status: closed_at for a finished order, else updated_at (never earlier). */
  private static OffsetDateTime statusTime(LegacyRow order, String status, Set<String> terminal,
      OffsetDateTime notBefore) {
    OffsetDateTime at = terminal.contains(status) ? Legacy.time(order.raw("closed_at")) : null;
    if (at == null) {
      at = Legacy.time(order.raw("updated_at"));
    }
    if (at == null || at.isBefore(notBefore)) {
      at = notBefore.plusSeconds(1);
    }
    return at;
  }
}
