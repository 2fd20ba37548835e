package com.cjmflow.backfill.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

import com.cjmflow.customers.CustomerImport;

/**
 * Customers merged by the README's rule: connected components of legacy customers linked by an equal normalised
 * phone or e-mail. A component with a customer imported before keeps that customer (new members are added to it as
 * external ids); a new component becomes one customer with the fullest name, the first valid phone and e-mail and the
 * highest tier; when a member changed in the source since, its customer is rewritten by the same rule. Orders
 * whose customer is missing get a placeholder customer, reported.
 */
@Component
class CustomerStep {

  static final String TABLE = "customers";

  private final CustomerImport customers;
  private final LinkStore links;

  CustomerStep(CustomerImport customers, LinkStore links) {
    this.customers = customers;
    this.links = links;
  }

  void run(Run run) {
    List<LegacyRow> rows = run.legacy.table(TABLE);
    Report.Counts counts = run.report.counts(TABLE);
    counts.read = rows.size();
    Map<Long, LinkStore.Link> known = links.of(run.system, TABLE);
    if (!known.isEmpty()) {
      run.tiers.putAll(customers.tiersOf(run.system));
    }
    UnionFind components = new UnionFind();
    int withoutContact = 0;
    for (LegacyRow row : rows) {
      String phone = Legacy.phone(row.str("phone"));
      String email = Legacy.email(row.str("email"));
      components.add("c" + row.id());
      if (phone != null) {
        components.union("c" + row.id(), "p" + phone);
      }
      if (email != null) {
        components.union("c" + row.id(), "e" + email);
      }
      if (phone == null && email == null) {
        withoutContact++;
      }
    }
    Map<String, List<LegacyRow>> byComponent = new LinkedHashMap<>();
    rows.forEach(row -> byComponent.computeIfAbsent(components.find("c" + row.id()), k -> new ArrayList<>()).add(row));
    List<CustomerImport.NewCustomer> created = new ArrayList<>();
    List<List<LegacyRow>> createdFrom = new ArrayList<>();
    List<Object[]> addedIds = new ArrayList<>();
    List<Object[]> newLinks = new ArrayList<>();
    List<Long> updatedIds = new ArrayList<>();
    List<CustomerImport.NewCustomer> updated = new ArrayList<>();
    List<LegacyRow> changed = new ArrayList<>();
    for (List<LegacyRow> members : byComponent.values()) {
      Long existing = members.stream().map(m -> known.get(m.id())).filter(Objects::nonNull)
          .map(LinkStore.Link::targetId).filter(Objects::nonNull).findFirst().orElse(null);
      if (existing != null) {
        List<LegacyRow> changedMembers = members.stream().filter(m -> known.containsKey(m.id())
            && !m.fingerprint().equals(known.get(m.id()).fingerprint())).toList();
        if (!changedMembers.isEmpty()) { // what the source says of this person now, merged by the same rule
          updatedIds.add(existing);
          updated.add(merged(run, members));
          changed.addAll(changedMembers);
        }
        for (LegacyRow member : members) {
          run.customers.put(member.id(), existing);
          if (known.containsKey(member.id())) {
            counts.unchanged += changedMembers.contains(member) ? 0 : 1;
          } else {
            counts.merged++;
            addedIds.add(new Object[] {existing, run.system, "customer:" + member.id()});
            newLinks.add(new Object[] {member.id(), existing, member.fingerprint()});
          }
        }
        continue;
      }
      created.add(merged(run, members));
      createdFrom.add(members);
    }
    List<Long> ids = customers.insert(run.system, created);
    for (int i = 0; i < ids.size(); i++) {
      long id = ids.get(i);
      run.tiers.put(id, created.get(i).tier());
      counts.imported++;
      counts.merged += createdFrom.get(i).size() - 1;
      for (LegacyRow member : createdFrom.get(i)) {
        run.customers.put(member.id(), id);
        newLinks.add(new Object[] {member.id(), id, member.fingerprint()});
        if (createdFrom.get(i).size() > 1) {
          run.report.repaired(TABLE, member.id(), "merged_duplicate", "same person as legacy customers "
              + createdFrom.get(i).stream().map(m -> String.valueOf(m.id())).toList() + " (phone / e-mail)");
        }
      }
    }
    customers.addExternalIds(addedIds);
    links.add(run.system, TABLE, newLinks, run.id, run.now);
    customers.update(updatedIds, updated, run.now);
    for (int i = 0; i < updated.size(); i++) {
      run.tiers.put(updatedIds.get(i), updated.get(i).tier());
    }
    links.updated(run, TABLE, changed);
    for (LegacyRow row : rows) {
      Long id = run.customers.get(row.id());
      String phone = Legacy.phone(row.str("phone"));
      String email = Legacy.email(row.str("email"));
      if (phone != null) {
        run.contactKeys.putIfAbsent("p" + phone, id);
      }
      if (email != null) {
        run.contactKeys.putIfAbsent("e" + email, id);
      }
    }
    run.report.figure("customers_after_merge", byComponent.size());
    run.report.figure("customers_without_contact", withoutContact);
  }

  private static CustomerImport.NewCustomer merged(Run run, List<LegacyRow> members) {
    LegacyRow named = members.stream().filter(m -> Legacy.text(m.str("full_name")) != null)
        .max(Comparator.comparingInt((LegacyRow m) -> score(Legacy.text(m.str("full_name")))).thenComparing(
            LegacyRow::id, Comparator.reverseOrder())).orElse(null);
    String name = named == null ? null : Legacy.text(named.str("full_name"));
    if (name == null) {
      name = "Customer " + run.system + " " + members.get(0).id();
      run.report.repaired(TABLE, members.get(0).id(), "no_name", "no name: shown as '" + name + "'");
    } else if (!name.equals(named.str("full_name"))) {
      run.report.repaired(TABLE, named.id(), "text_noise", "name trimmed / spaces collapsed");
    }
    String phone = members.stream().map(m -> Legacy.phone(m.str("phone"))).filter(Objects::nonNull).findFirst()
        .orElse(null);
    String email = members.stream().map(m -> Legacy.email(m.str("email"))).filter(Objects::nonNull).findFirst()
        .orElse(null);
    boolean vip = members.stream().anyMatch(m -> "vip".equalsIgnoreCase(Legacy.text(m.str("tier"))));
    var createdAt = members.stream().map(m -> Legacy.time(m.raw("created_at"))).filter(Objects::nonNull)
        .min(Comparator.naturalOrder()).orElse(run.now);
    return new CustomerImport.NewCustomer(name, vip ? "vip" : "standard", email, phone, createdAt,
        members.stream().map(m -> "customer:" + m.id()).toList());
  }

  /** The fullest name wins; a name typed in capitals only loses against one that is not. */
  private static int score(String name) {
    boolean shouted = name.equals(name.toUpperCase(java.util.Locale.ROOT)) && !name.equals(name.toLowerCase());
    return name.length() - (shouted ? 1000 : 0);
  }

  /** Disjoint sets over string keys. */
  static final class UnionFind {
    private final Map<String, String> parent = new HashMap<>();

    void add(String key) {
      parent.putIfAbsent(key, key);
    }

    String find(String key) {
      add(key);
      String root = key;
      while (!parent.get(root).equals(root)) {
        root = parent.get(root);
      }
      while (!parent.get(key).equals(root)) {
        String next = parent.get(key);
        parent.put(key, root);
        key = next;
      }
      return root;
    }

    void union(String a, String b) {
      String ra = find(a);
      String rb = find(b);
      if (!ra.equals(rb)) {
        parent.put(rb, ra);
      }
    }
  }
}
