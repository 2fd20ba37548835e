package com.cjmflow.backfill.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

import com.cjmflow.customers.CustomerImport;
import com.cjmflow.orderflow.OrderImport;
import com.cjmflow.orderflow.OrderResumption;
import com.cjmflow.sla.StageSla;
import com.cjmflow.stage.StageHistoryImport;

/**
 * Orders with their history: the order row, one status event and one stage instance per visit (closed ones with
 * their SLA as of entry), journey events, and for an order still under way the stage to resume its process at.
 */
@Component
class OrderStep {

  static final String TABLE = "orders";

  private final OrderImport orders;
  private final CustomerImport customers;
  private final StageHistoryImport history;
  private final LinkStore links;
  private final DecisionService decisions;
  private final StageSla stageSla;

  OrderStep(OrderImport orders, CustomerImport customers, StageHistoryImport history, LinkStore links,
      DecisionService decisions, StageSla stageSla) {
    this.orders = orders;
    this.customers = customers;
    this.history = history;
    this.links = links;
    this.decisions = decisions;
    this.stageSla = stageSla;
  }

  void run(Run run) {
    List<LegacyRow> rows = run.legacy.table(TABLE);
    Report.Counts counts = run.report.counts(TABLE);
    counts.read = rows.size();
    run.report.read("order_status_events", run.legacy.table("order_status_events").size());
    Map<Long, LinkStore.Link> known = links.of(run.system, TABLE);
    Map<Long, List<LegacyRow>> events = new HashMap<>();
    run.legacy.table("order_status_events").forEach(e -> events.computeIfAbsent(e.lng("order_id"),
        k -> new ArrayList<>()).add(e));
    Map<Long, Long> existingOrders = new HashMap<>();
    orders.ordersWithPrefix(run.system + ":").forEach((externalId, id) -> {
      String tail = externalId.substring(run.system.length() + 1);
      if (tail.matches("\\d+")) {
        existingOrders.put(Long.parseLong(tail), id);
      }
    });
    List<LegacyRow> fresh = new ArrayList<>();
    Set<String> byStatus = new HashSet<>();
    List<LegacyRow> changed = new ArrayList<>();
    for (LegacyRow row : rows) {
      if (known.containsKey(row.id()) || existingOrders.containsKey(row.id())) {
        Long id = known.containsKey(row.id()) ? known.get(row.id()).targetId() : existingOrders.get(row.id());
        run.orders.put(row.id(), id);
        run.orderCustomers.put(row.id(), run.customers.get(row.lng("customer_id")));
        LinkStore.Link link = known.get(row.id());
        if (link != null && !fingerprint(row, events).equals(link.fingerprint())) {
          changed.add(row);
        } else {
          counts.unchanged++;
        }
        continue;
      }
      String status = Legacy.status(row.str("status"), run.aliases);
      if (status == null || !run.stages.contains(status)) {
        run.report.rejected(TABLE, row.id(), "unknown_status", "status '" + row.str("status")
            + "' is no stage of the deployed model");
        continue;
      }
      if (!status.equals(row.str("status"))) {
        run.report.repaired(TABLE, row.id(), "noncanonical_spelling", "status '" + row.str("status") + "' read as "
            + status);
      }
      fresh.add(row);
      byStatus.add(status);
    }
    placeholders(run, fresh);
    List<OrderImport.NewOrder> created = new ArrayList<>();
    for (LegacyRow row : fresh) {
      created.add(newOrder(run, row));
    }
    List<Long> ids = orders.insert(created);
    List<Object[]> newLinks = new ArrayList<>();
    SlaRows sla = new SlaRows(decisions, stageSla);
    List<StageHistoryImport.StatusEvent> statusEvents = new ArrayList<>();
    List<StageHistoryImport.ClosedVisit> visits = new ArrayList<>();
    List<StageHistoryImport.JourneyEvent> journey = new ArrayList<>();
    Set<Long> paidReserve = paid(run, "reserve");
    Set<Long> paidFull = paid(run, "full");
    Trail sink = new Trail(statusEvents, visits, journey);
    for (int i = 0; i < fresh.size(); i++) {
      LegacyRow row = fresh.get(i);
      OrderImport.NewOrder order = created.get(i);
      long id = ids.get(i);
      run.orders.put(row.id(), id);
      run.orderCustomers.put(row.id(), order.customerId());
      run.newOrders.add(id);
      counts.imported++;
      newLinks.add(new Object[] {row.id(), id, fingerprint(row, events)});
      List<History.Visit> trail = trail(run, row, order, events);
      journey.add(new StageHistoryImport.JourneyEvent(id, order.customerId(), "order_created", null, null, null, null,
          "imported from " + run.system + " order " + row.id(), order.createdAt()));
      visits(run, row, id, order, trail, 0, sla, paidReserve, paidFull, sink).ifPresent(run.resumes::add);
    }
    changed(run, changed, events, sla, paidReserve, paidFull, sink);
    history.insertStatusEvents(statusEvents);
    history.insertClosedVisits(visits);
    history.insertJourneyEvents(journey);
    links.add(run.system, TABLE, newLinks, run.id, run.now);
    run.report.counts("order_status_events").imported += statusEvents.size();
    run.report.figure("stage_instances_closed", visits.size());
    run.report.figure("orders_in_flight_new", run.resumes.size());
  }

  /** What one order's visits become: its status events, its closed stage instances and its journey. */
  private record Trail(List<StageHistoryImport.StatusEvent> statusEvents,
      List<StageHistoryImport.ClosedVisit> visits, List<StageHistoryImport.JourneyEvent> journey) {}

  /** An order's fingerprint covers its status events too: a newer export may add events to an unchanged row. */
  private static String fingerprint(LegacyRow row, Map<Long, List<LegacyRow>> events) {
    StringBuilder text = new StringBuilder(row.fingerprint());
    events.getOrDefault(row.id(), List.of()).stream().sorted(java.util.Comparator.comparingLong(LegacyRow::id))
        .forEach(e -> text.append('|').append(e.fingerprint()));
    return Fingerprints.sha256(text.toString());
  }

  private static List<History.Visit> trail(Run run, LegacyRow row, OrderImport.NewOrder order,
      Map<Long, List<LegacyRow>> events) {
    return History.of(row, order.status(), order.createdAt(), events.getOrDefault(row.id(), List.of()), run.stages,
        run.model.firstStage(), run.model.endStages().keySet(), run.aliases, run.report);
  }

  /**
   * The visits of an order from {@code from} on: a status event and a journey event each, a closed stage instance
   * for each visit that ended; the last visit, if it is a wait state, is where the order's process resumes.
   */
  private Optional<OrderResumption.Resume> visits(Run run, LegacyRow row, long id, OrderImport.NewOrder order,
      List<History.Visit> trail, int from, SlaRows sla, Set<Long> paidReserve, Set<Long> paidFull, Trail sink) {
    String tier = run.tiers.getOrDefault(order.customerId(), "standard");
    Map<String, Object> facts = OrderResumption.facts(new OrderResumption.Resume(id, order.externalId(),
        order.status(), tier, order.sellerCountry(), order.reserveRequired(), order.expertInspection(), false, false,
        null));
    Optional<OrderResumption.Resume> resume = Optional.empty();
    for (int v = from; v < trail.size(); v++) {
      History.Visit visit = trail.get(v);
      String previous = v == 0 ? null : trail.get(v - 1).stage();
      boolean end = run.model.endStages().containsKey(visit.stage());
      String activityId = end ? run.model.endStages().get(visit.stage())
          : run.model.activityFor(visit.stage(), facts).orElse(null);
      String actor = actor(run, visit);
      if (visit.repair() == null && previous != null && !run.model.isStep(previous, visit.stage())) {
        run.report.repaired(TABLE, row.id(), "status_jump", previous + " → " + visit.stage()
            + " is no step of the model (a status was skipped): kept as logged");
      }
      if (visit.repair() == null && run.users.containsValue(actor)) {
        run.actions.add(new com.cjmflow.activity.ActivityImport.Action(actor, "status_change", id,
            order.customerId(), null, "status", previous, visit.stage(), run.system, visit.at()));
      }
      sink.statusEvents().add(new StageHistoryImport.StatusEvent(id, previous, visit.stage(), activityId, actor,
          visit.at()));
      sink.journey().add(new StageHistoryImport.JourneyEvent(id, order.customerId(), "status_changed", visit.stage(),
          previous, visit.stage(), actor, visit.repair() == null ? null : "repaired: " + visit.repair(), visit.at()));
      boolean last = v == trail.size() - 1;
      if (last && !end) {
        resume = Optional.of(new OrderResumption.Resume(id, order.externalId(), visit.stage(), tier,
            order.sellerCountry(), order.reserveRequired(), order.expertInspection(), paidReserve.contains(row.id()),
            paidFull.contains(row.id()), Date.from(visit.at().toInstant())));
        continue;
      }
      OffsetDateTime left = last ? visit.at() : trail.get(v + 1).at();
      var due = end ? Optional.<SlaRows.Due>empty()
          : sla.due(visit.stage(), tier, order.sellerCountry(), visit.at().toInstant());
      sink.visits().add(new StageHistoryImport.ClosedVisit(id, visit.stage(), run.system + ":" + row.id(),
          activityId == null ? "unknown" : activityId, run.system + ":" + row.id() + ":" + v,
          due.map(SlaRows.Due::clockOwner).orElse(null), visit.at(), left,
          due.map(d -> d.dueAt().atOffset(java.time.ZoneOffset.UTC)).orElse(null),
          due.map(SlaRows.Due::calendarId).orElse(null),
          due.map(SlaRows.Due::countsAgainstManager).orElse(false),
          due.map(SlaRows.Due::explanation).orElse(null)));
    }
    return resume;
  }

  /**
   * Orders imported before that changed in the newer export: their fields are updated; if the legacy CRM moved the
   * order on from where CJM Flow has it, the new visits are appended (the open stage closed when the next began) and
   * its process moves to the new stage (or ends with the order). An order CJM Flow has moved itself since keeps its
   * CJM status: the legacy change is reported ({@code moved_in_cjm}), not applied.
   */
  private void changed(Run run, List<LegacyRow> changed, Map<Long, List<LegacyRow>> events, SlaRows sla,
      Set<Long> paidReserve, Set<Long> paidFull, Trail sink) {
    List<Long> ids = new ArrayList<>();
    List<OrderImport.NewOrder> updated = new ArrayList<>();
    List<LegacyRow> from = new ArrayList<>();
    for (LegacyRow row : changed) {
      String status = Legacy.status(row.str("status"), run.aliases);
      if (status == null || !run.stages.contains(status)) {
        run.report.rejected(TABLE, row.id(), "unknown_status", "status '" + row.str("status")
            + "' is no stage of the deployed model: the change is not applied");
        continue;
      }
      ids.add(run.orders.get(row.id()));
      updated.add(newOrder(run, row));
      from.add(row);
    }
    Map<Long, StageHistoryImport.Status> current = history.lastStatus(ids);
    List<StageHistoryImport.Close> closes = new ArrayList<>();
    List<Object[]> statuses = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      LegacyRow row = from.get(i);
      long id = ids.get(i);
      OrderImport.NewOrder order = updated.get(i);
      List<History.Visit> trail = trail(run, row, order, events);
      StageHistoryImport.Status now = current.get(id);
      int at = -1;
      for (int v = trail.size() - 1; v >= 0 && now != null && at < 0; v--) {
        History.Visit visit = trail.get(v);
        if (visit.stage().equals(now.stage())
            && (visit.repair() != null || visit.at().toInstant().equals(now.at().toInstant()))) {
          at = v;
        }
      }
      if (at < 0) {
        run.report.rejected(TABLE, row.id(), "moved_in_cjm", "the order is at " + (now == null ? "no stage"
            : now.stage()) + " in CJM Flow, which the legacy history does not lead to: its legacy status "
            + order.status() + " is not applied");
        continue;
      }
      if (at == trail.size() - 1) {
        continue;
      }
      History.Visit next = trail.get(at + 1);
      closes.add(new StageHistoryImport.Close(id, next.at()));
      History.Visit last = trail.get(trail.size() - 1);
      statuses.add(new Object[] {last.stage(), id});
      boolean wasOpen = !run.model.endStages().containsKey(now.stage());
      Optional<OrderResumption.Resume> resume = visits(run, row, id, order, trail, at + 1, sla, paidReserve,
          paidFull, sink);
      if (resume.isPresent()) {
        (wasOpen ? run.moves : run.resumes).add(resume.get());
      } else if (wasOpen) {
        run.ends.add(id);
      }
    }
    orders.update(ids, updated);
    orders.setStatuses(statuses);
    history.close(closes);
    links.updated(run, TABLE, from, from.stream().map(row -> fingerprint(row, events)).toList());
  }

  private OrderImport.NewOrder newOrder(Run run, LegacyRow row) {
    String status = Legacy.status(row.str("status"), run.aliases);
    OffsetDateTime createdAt = Legacy.time(row.raw("created_at"));
    if (createdAt == null) {
      createdAt = run.now;
      run.report.repaired(TABLE, row.id(), "unreadable_time", "created_at '" + row.str("created_at")
          + "' unreadable: the import time stands in");
    }
    OffsetDateTime updatedAt = Legacy.time(row.raw("updated_at"));
    String title = Legacy.text(row.str("bike_title"));
    if (title == null) {
      title = "(no bike title)";
      run.report.repaired(TABLE, row.id(), "no_bike_title", "bike title missing");
    } else if (!title.equals(row.str("bike_title"))) {
      run.report.repaired(TABLE, row.id(), "text_noise", "bike title trimmed / spaces collapsed");
    }
    String country = row.str("seller_country") == null ? "" : row.str("seller_country").trim().toUpperCase(Locale.ROOT);
    if (!country.matches("[A-Z]{2}")) {
      run.report.repaired(TABLE, row.id(), "no_seller_country", "seller country '" + row.str("seller_country")
          + "' is no ISO code: stored as ZZ");
      country = "ZZ";
    }
    Double price = row.dbl("price_eur");
    if (price == null) {
      run.report.repaired(TABLE, row.id(), "no_price", "price missing: stored as 0");
      price = 0.0;
    }
    Long manager = row.lng("manager_id");
    String managerId = manager == null ? null : run.users.get(manager);
    if (managerId == null) {
      run.report.repaired(TABLE, row.id(), "no_manager", manager == null ? "no manager (manager_id NULL)"
          : "manager " + manager + " is no legacy user");
    }
    Long legacyCustomer = row.lng("customer_id");
    long customerId = run.customers.get(legacyCustomer == null ? -row.id() : legacyCustomer);
    return new OrderImport.NewOrder(run.orderExternalId(row.id()), customerId, status,
        title, country, BigDecimal.valueOf(price).setScale(2, RoundingMode.HALF_UP), row.flag("reserve_required"),
        row.flag("expert_inspection"), managerId, createdAt, updatedAt == null ? createdAt : updatedAt);
  }

  /** Orders whose customer the legacy file lacks get a placeholder customer, so that no order is lost. */
  private void placeholders(Run run, List<LegacyRow> fresh) {
    List<CustomerImport.NewCustomer> missing = new ArrayList<>();
    List<LegacyRow> orphans = new ArrayList<>();
    for (LegacyRow row : fresh) {
      Long legacyCustomer = row.lng("customer_id");
      if (legacyCustomer == null || !run.customers.containsKey(legacyCustomer)) {
        orphans.add(row);
        missing.add(new CustomerImport.NewCustomer("Unknown customer of " + run.system + " order " + row.id(),
            "standard", null, null, run.now, List.of("order-customer:" + row.id())));
      }
    }
    List<Long> ids = customers.insert(run.system, missing);
    for (int i = 0; i < ids.size(); i++) {
      LegacyRow row = orphans.get(i);
      long key = row.lng("customer_id") == null ? -row.id() : row.lng("customer_id");
      run.customers.put(key, ids.get(i));
      run.tiers.put(ids.get(i), "standard");
      run.report.repaired(TABLE, row.id(), "customer_missing", "customer " + row.str("customer_id")
          + " does not exist: a placeholder customer was created");
    }
  }

  /** Legacy order ids with a payment of this kind (the process's payment flags). */
  private static Set<Long> paid(Run run, String kind) {
    Set<Long> paid = new HashSet<>();
    run.legacy.table("payments").stream().filter(p -> kind.equalsIgnoreCase(Legacy.text(p.str("kind"))))
        .forEach(p -> paid.add(p.lng("order_id")));
    return paid;
  }

  /** Who made the change: the legacy user's Camunda id, 'system' for bots and webhooks, 'backfill' for repairs. */
  static String actor(Run run, History.Visit visit) {
    if (visit.repair() != null) {
      return "backfill";
    }
    String raw = visit.actor() == null ? "" : visit.actor().trim();
    if (raw.matches("\\d+")) {
      return run.users.getOrDefault(Long.parseLong(raw), run.system + "-user:" + raw);
    }
    return raw.isEmpty() ? "unknown" : raw;
  }
}
