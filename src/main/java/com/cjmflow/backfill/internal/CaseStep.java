package com.cjmflow.backfill.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.cjmflow.activity.ActivityImport;
import com.cjmflow.followups.FollowupImport;
import com.cjmflow.cases.CaseImport;

/**
 * Follow-ups from {@code tasks}; order cases; refund and compensation requests (a request without a case is
 * attached to its order's case of the matching kind, reported). Done follow-ups are also manager activity.
 */
@Component
class CaseStep {

  private final FollowupImport followups;
  private final CaseImport cases;
  private final ActivityImport activity;
  private final LinkStore links;

  CaseStep(FollowupImport followups, CaseImport cases, ActivityImport activity, LinkStore links) {
    this.followups = followups;
    this.cases = cases;
    this.activity = activity;
    this.links = links;
  }

  void followups(Run run) {
    String table = "tasks";
    Changes<FollowupImport.NewFollowup> changes = new Changes<>();
    List<FollowupImport.NewFollowup> created = new ArrayList<>();
    for (LinkStore.Pending pending : links.pending(run, table)) {
      LegacyRow row = pending.row();
      Long order = row.lng("order_id") == null ? null : run.orders.get(row.lng("order_id"));
      if (row.lng("order_id") != null && order == null) {
        run.report.repaired(table, row.id(), "orphan", "order " + row.str("order_id") + " does not exist: imported "
            + "without an order");
      }
      Long customer = row.lng("customer_id") == null ? null : run.customers.get(row.lng("customer_id"));
      if (customer == null && row.lng("order_id") != null) {
        customer = run.orderCustomers.get(row.lng("order_id"));
      }
      String manager = row.lng("assignee_id") == null ? null : run.users.get(row.lng("assignee_id"));
      OffsetDateTime createdAt = Legacy.time(row.raw("created_at"));
      if (createdAt == null) {
        createdAt = run.now;
      }
      OffsetDateTime due = Legacy.time(row.raw("due_at"));
      if (due == null) {
        due = createdAt;
        run.report.repaired(table, row.id(), "no_due_date", "due_at missing or unreadable: due when created");
      }
      OffsetDateTime doneAt = Legacy.time(row.raw("done_at"));
      String subject = Legacy.text(row.str("title")) == null ? "(no title)" : Legacy.text(row.str("title"));
      String taskId = run.externalId("task", row.id());
      FollowupImport.NewFollowup followup = new FollowupImport.NewFollowup(taskId, order, customer, manager,
          subject.length() > 300 ? subject.substring(0, 300) : subject, due, doneAt, createdAt);
      changes.add(pending, followup);
      if (pending.isNew()) {
        created.add(followup);
      }
    }
    List<FollowupImport.NewFollowup> completed = new ArrayList<>(created);
    changes.save(run, table, links, followups::insert, (ids, changed) -> completed.addAll(followups.update(ids,
        changed)));
    List<ActivityImport.Action> done = new ArrayList<>();
    for (FollowupImport.NewFollowup f : completed) {
      if (f.completedAt() != null && f.managerId() != null && f.orderId() != null) {
        done.add(new ActivityImport.Action(f.managerId(), "followup_completed", f.orderId(), f.customerId(),
            f.taskId(), "subject", null, f.subject(), run.system, f.completedAt()));
      }
    }
    activity.insert(done);
    run.report.counts("manager_activity").imported += done.size();
  }

  void cases(Run run) {
    String table = "order_cases";
    links.of(run.system, table).forEach((legacyId, link) -> run.cases.put(legacyId, link.targetId()));
    Changes<CaseImport.NewCase> changes = new Changes<>();
    for (LinkStore.Pending pending : links.pending(run, table)) {
      LegacyRow row = pending.row();
      Long order = run.orders.get(row.lng("order_id"));
      if (order == null) {
        run.report.rejected(table, row.id(), "orphan", "order " + row.str("order_id") + " does not exist");
        continue;
      }
      OffsetDateTime opened = Legacy.time(row.raw("opened_at"));
      if (opened == null) {
        opened = run.now;
        run.report.repaired(table, row.id(), "unreadable_time", "opened_at unreadable: the import time stands in");
      }
      changes.add(pending, new CaseImport.NewCase(order, Legacy.text(row.str("kind")) == null ? "other"
          : Legacy.text(row.str("kind")), Legacy.text(row.str("status")) == null ? "open"
          : Legacy.text(row.str("status")), Legacy.text(row.str("description")), opened,
          Legacy.time(row.raw("closed_at"))));
    }
    List<Long> ids = changes.save(run, table, links, cases::insertCases, cases::updateCases);
    for (int i = 0; i < ids.size(); i++) {
      run.cases.put(changes.createdFrom().get(i).id(), ids.get(i));
    }
  }

  void requests(Run run, String table, boolean refund) {
    Map<Long, Long> caseOfOrder = new HashMap<>();
    for (LegacyRow c : run.legacy.table("order_cases")) {
      boolean refundCase = "refund".equalsIgnoreCase(Legacy.text(c.str("kind")));
      if (refundCase == refund && run.cases.containsKey(c.id())) {
        caseOfOrder.putIfAbsent(c.lng("order_id"), run.cases.get(c.id()));
      }
    }
    Changes<CaseImport.NewRequest> changes = new Changes<>();
    for (LinkStore.Pending pending : links.pending(run, table)) {
      LegacyRow row = pending.row();
      Long order = run.orders.get(row.lng("order_id"));
      Double amount = row.dbl("amount_eur");
      if (order == null || amount == null) {
        run.report.rejected(table, row.id(), order == null ? "orphan" : "no_amount",
            order == null ? "order " + row.str("order_id") + " does not exist" : "amount missing");
        continue;
      }
      Long caseId = row.lng("case_id") == null ? null : run.cases.get(row.lng("case_id"));
      if (caseId == null && caseOfOrder.containsKey(row.lng("order_id"))) {
        caseId = caseOfOrder.get(row.lng("order_id"));
        run.report.repaired(table, row.id(), "case_linked", "case_id NULL: linked to the order's "
            + (refund ? "refund" : "complaint") + " case");
      }
      OffsetDateTime at = Legacy.time(row.raw("requested_at"));
      String reason = Legacy.text(row.str("reason"));
      changes.add(pending, new CaseImport.NewRequest(order, caseId,
          BigDecimal.valueOf(Math.abs(amount)).setScale(2, RoundingMode.HALF_UP), reason == null ? "(no reason)" : reason,
          Legacy.text(row.str("status")) == null ? "requested" : Legacy.text(row.str("status")), run.system,
          at == null ? run.now : at));
    }
    if (refund) {
      changes.save(run, table, links, cases::insertRefundRequests, cases::updateRefundRequests);
    } else {
      changes.save(run, table, links, cases::insertCompensationRequests, cases::updateCompensationRequests);
    }
  }

}
