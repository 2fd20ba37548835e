package com.cjmflow.backfill.internal;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.cjmflow.customers.CustomerImport;

/**
 * The applications → leads mirror (best effort): every legacy lead becomes a lead; an application no lead was made
 * from becomes a lead of its own when it has a usable phone or e-mail (linked to the customer with that contact),
 * else it is rejected as spam or a test. {@code leads.application_id} is the link that counts, not {@code processed}.
 */
@Component
class LeadStep {

  private final CustomerImport customers;
  private final LinkStore links;

  LeadStep(CustomerImport customers, LinkStore links) {
    this.customers = customers;
    this.links = links;
  }

  void run(Run run) {
    List<LegacyRow> leads = run.legacy.table("leads");
    List<LegacyRow> applications = run.legacy.table("applications");
    Report.Counts appCounts = run.report.counts("applications");
    appCounts.read = applications.size();
    Map<Long, LinkStore.Link> knownApps = links.of(run.system, "applications");
    Set<Long> applicationIds = new HashSet<>();
    applications.forEach(a -> applicationIds.add(a.id()));
    Set<Long> referenced = new HashSet<>();
    Changes<CustomerImport.NewLead> fromLeads = new Changes<>();
    for (LegacyRow lead : leads) {
      Long application = lead.lng("application_id");
      if (application != null && applicationIds.contains(application)) {
        referenced.add(application);
      }
    }
    for (LinkStore.Pending pending : links.pending(run, "leads")) {
      LegacyRow lead = pending.row();
      Long customer = lead.lng("customer_id") == null ? null : run.customers.get(lead.lng("customer_id"));
      Long order = lead.lng("converted_order_id") == null ? null : run.orders.get(lead.lng("converted_order_id"));
      OffsetDateTime at = Legacy.time(lead.raw("created_at"));
      fromLeads.add(pending, new CustomerImport.NewLead(run.externalId("lead", lead.id()), customer,
          text(lead.str("source"), "unknown"), text(lead.str("status"), "new"), null, order, at == null ? run.now : at));
    }
    fromLeads.save(run, "leads", links, customers::insertLeads, customers::updateLeads);
    Changes<CustomerImport.NewLead> fromApps = new Changes<>();
    for (LegacyRow app : applications) {
      if (referenced.contains(app.id())) {
        appCounts.merged++; // its lead is the legacy lead that was made from it
        continue;
      }
      LinkStore.Link link = knownApps.get(app.id());
      if (link != null && (link.targetId() == null || app.fingerprint().equals(link.fingerprint()))) {
        appCounts.unchanged++;
        continue;
      }
      String phone = Legacy.phone(app.str("phone"));
      String email = Legacy.email(app.str("email"));
      if (phone == null && email == null) {
        run.report.rejected("applications", app.id(), "no_contact", "never became a lead and has no usable phone or"
            + " e-mail (spam or a test)");
        continue;
      }
      Long customer = phone != null && run.contactKeys.containsKey("p" + phone) ? run.contactKeys.get("p" + phone)
          : email == null ? null : run.contactKeys.get("e" + email);
      OffsetDateTime at = Legacy.time(app.raw("created_at"));
      String bike = Legacy.text(app.str("bike_url"));
      fromApps.add(new LinkStore.Pending(app, link == null ? null : link.targetId()),
          new CustomerImport.NewLead(run.externalId("application", app.id()), customer,
              text(app.str("utm_source"), "website"), "new", bike != null && bike.length() > 300
                  ? bike.substring(0, 300) : bike, null, at == null ? run.now : at));
    }
    fromApps.save(run, "applications", links, customers::insertLeads, customers::updateLeads);
    run.report.figure("leads_from_applications", referenced.size() + links.count(run.system, "applications"));
  }

  private static String text(String raw, String fallback) {
    String text = Legacy.text(raw);
    return text == null ? fallback : text.toLowerCase(Locale.ROOT);
  }
}
