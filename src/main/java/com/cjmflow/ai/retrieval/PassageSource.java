package com.cjmflow.ai.retrieval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cjmflow.ai.AiProperties;

/**
 * Reads the passages retrieval indexes, owner by owner: an order's touchpoints and interactions, case notes,
 * follow-ups and its journey (one passage: the stages it went through), a customer's contacts without an order,
 * and the knowledge base shipped in {@code knowledge/*.md} (one passage per {@code ##} section).
 */
@Component
public class PassageSource {

  public static final String KNOWLEDGE = "knowledge";
  static final String KNOWLEDGE_FILES = "classpath*:knowledge/*.md";

  /** A touchpoint or interaction as retrieval reads it. */
  record Contact(long id, Long orderId, long customerId, String channel, String direction, String subject,
      String summary, OffsetDateTime occurredAt, String source) {}

  /** A case of the order. */
  record CaseNote(long id, String caseType, String status, String summary, OffsetDateTime openedAt,
      long customerId) {}

  /** A follow-up of the order. */
  record Followup(long id, Long customerId, String subject, String outcome, String status, OffsetDateTime dueAt) {}

  /** The order a journey passage is about. */
  record Order(String externalId, String bikeTitle, long customerId, String status) {}

  /** One journey event of the order. */
  record Step(String eventType, String stage, String toStatus, OffsetDateTime occurredAt) {}

  private static final String CONTACT = """
      select id, order_id, customer_id, channel, direction, subject, summary, occurred_at, source
        from crm_touchpoints""";

  private final JdbcClient jdbc;
  private final int maxPerOrder;

  PassageSource(JdbcClient jdbc, AiProperties properties) {
    this.jdbc = jdbc;
    this.maxPerOrder = properties.index().maxPassagesPerOrder();
  }

  /** Every owner there is: all orders, customers with contacts of their own, and the knowledge base. */
  public List<String> owners() {
    List<String> owners = new ArrayList<>();
    owners.add(KNOWLEDGE);
    jdbc.sql("select id from orders order by id").query(Long.class).list()
        .forEach(id -> owners.add("orders/" + id));
    jdbc.sql("select distinct customer_id from crm_touchpoints where order_id is null order by customer_id")
        .query(Long.class).list().forEach(id -> owners.add("customers/" + id));
    return owners;
  }

  public List<Passage> passages(String owner) {
    if (KNOWLEDGE.equals(owner)) {
      return knowledge();
    }
    int slash = owner.indexOf('/');
    long id;
    try {
      id = Long.parseLong(owner.substring(slash + 1));
    } catch (NumberFormatException e) {
      return List.of();
    }
    return switch (owner.substring(0, Math.max(0, slash))) {
      case "orders" -> order(id);
      case "customers" -> customerContacts(id);
      default -> List.of();
    };
  }

  private List<Passage> order(long orderId) {
    List<Passage> passages = new ArrayList<>();
    String owner = "orders/" + orderId;
    jdbc.sql(CONTACT + " where order_id = ? order by occurred_at desc, id desc offset 0 rows fetch next ? rows only")
        .params(orderId, maxPerOrder).query(Contact.class).list().forEach(c -> passages.add(passage(c, owner)));
    for (CaseNote c : jdbc.sql("""
        select c.id, c.case_type, c.status, c.summary, c.opened_at, o.customer_id from order_cases c
          join orders o on o.id = c.order_id where c.order_id = ? order by c.id""").param(orderId)
        .query(CaseNote.class).list()) {
      passages.add(new Passage("case:" + c.id(), Passage.CASE, owner, orderId, c.customerId(),
          "Case " + c.caseType() + " (" + c.status() + ")", nonNull(c.summary()), c.openedAt()));
    }
    for (Followup f : jdbc.sql("""
        select id, customer_id, subject, outcome, status, due_at from crm_manager_followups where order_id = ?
        order by id""").param(orderId).query(Followup.class).list()) {
      passages.add(new Passage("followup:" + f.id(), Passage.FOLLOWUP, owner, orderId, f.customerId(),
          "Follow-up (" + f.status() + ")", f.subject() + (f.outcome() == null ? "" : ". " + f.outcome()),
          f.dueAt()));
    }
    journey(orderId, owner).ifPresent(passages::add);
    return passages;
  }

  private java.util.Optional<Passage> journey(long orderId, String owner) {
    java.util.Optional<Order> order = jdbc.sql(
        "select external_id, bike_title, customer_id, status from orders where id = ?").param(orderId)
        .query(Order.class).optional();
    if (order.isEmpty()) {
      return java.util.Optional.empty();
    }
    List<String> steps = new ArrayList<>();
    OffsetDateTime last = null;
    for (Step event : jdbc.sql("""
        select event_type, stage, to_status, occurred_at from crm_journey_events where order_id = ?
        order by occurred_at, id""").param(orderId).query(Step.class).list()) {
      String step = event.toStatus() != null ? event.toStatus()
          : event.stage() != null ? event.eventType() + " " + event.stage() : event.eventType();
      if (steps.isEmpty() || !steps.get(steps.size() - 1).equals(step)) {
        steps.add(step);
      }
      last = event.occurredAt();
    }
    Order o = order.get();
    String text = "Order " + o.externalId() + " (" + o.bikeTitle() + "), status " + o.status() + ". Journey: "
        + String.join(" → ", steps);
    return java.util.Optional.of(new Passage("journey:" + orderId, Passage.JOURNEY, owner, orderId, o.customerId(),
        "Journey of order " + o.externalId(), text, last));
  }

  private List<Passage> customerContacts(long customerId) {
    String owner = "customers/" + customerId;
    return jdbc.sql(CONTACT + " where customer_id = ? and order_id is null order by occurred_at desc, id desc"
        + " offset 0 rows fetch next ? rows only").params(customerId, maxPerOrder).query(Contact.class).list()
        .stream().map(c -> passage(c, owner)).toList();
  }

  private static Passage passage(Contact c, String owner) {
    String source = "interaction".equals(c.source()) ? Passage.INTERACTION : Passage.TOUCHPOINT;
    return new Passage(source + ":" + c.id(), source, owner, c.orderId(), c.customerId(), c.channel() + " "
        + c.direction() + (c.subject() == null ? "" : ": " + c.subject()), nonNull(c.summary()), c.occurredAt());
  }

  /** The knowledge base: one passage per {@code ##} section of each file, titled by the file's {@code #} title. */
  public static List<Passage> knowledge() {
    List<Passage> passages = new ArrayList<>();
    try {
      Resource[] files = new PathMatchingResourcePatternResolver().getResources(KNOWLEDGE_FILES);
      Arrays.sort(files, (a, b) -> String.valueOf(a.getFilename()).compareTo(String.valueOf(b.getFilename())));
      for (Resource file : files) {
        try (InputStream in = file.getInputStream()) {
          passages.addAll(sections(file.getFilename().replace(".md", ""),
              new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the knowledge base", e);
    }
    return passages;
  }

  static List<Passage> sections(String name, String markdown) {
    String title = name;
    Map<String, StringBuilder> sections = new LinkedHashMap<>();
    String heading = null;
    for (String line : markdown.split("\n")) {
      if (line.startsWith("# ")) {
        title = line.substring(2).trim();
      } else if (line.startsWith("## ")) {
        heading = line.substring(3).trim();
        sections.put(heading, new StringBuilder());
      } else if (heading != null && !line.isBlank()) {
        sections.get(heading).append(sections.get(heading).isEmpty() ? "" : " ").append(line.trim());
      }
    }
    List<Passage> passages = new ArrayList<>();
    int n = 0;
    for (Map.Entry<String, StringBuilder> section : sections.entrySet()) {
      passages.add(new Passage("knowledge:" + name + "#" + (++n), Passage.KNOWLEDGE, KNOWLEDGE, null, null,
          title + " — " + section.getKey(), section.getValue().toString(), null));
    }
    return passages;
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }
}
