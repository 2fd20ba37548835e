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
import org.springframework.jdbc.core.JdbcTemplate;
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

  private final JdbcTemplate jdbc;
  private final int maxPerOrder;

  PassageSource(JdbcTemplate jdbc, AiProperties properties) {
    this.jdbc = jdbc;
    this.maxPerOrder = properties.index().maxPassagesPerOrder();
  }

  /** Every owner there is: all orders, customers with contacts of their own, and the knowledge base. */
  public List<String> owners() {
    List<String> owners = new ArrayList<>();
    owners.add(KNOWLEDGE);
    jdbc.query("select id from orders order by id", rs -> {
      owners.add("orders/" + rs.getLong(1));
    });
    jdbc.query("select distinct customer_id from crm_touchpoints where order_id is null order by customer_id",
        rs -> {
          owners.add("customers/" + rs.getLong(1));
        });
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
    passages.addAll(jdbc.query("""
        select * from crm_touchpoints where order_id = ? order by occurred_at desc, id desc
        offset 0 rows fetch next ? rows only""", (rs, i) -> touchpoint(rs, owner), orderId, maxPerOrder));
    passages.addAll(jdbc.query("""
        select c.id, c.case_type, c.status, c.summary, c.opened_at, o.customer_id from order_cases c
          join orders o on o.id = c.order_id where c.order_id = ? order by c.id""", (rs, i) -> new Passage(
        "case:" + rs.getLong("id"), Passage.CASE, owner, orderId, rs.getLong("customer_id"),
        "Case " + rs.getString("case_type") + " (" + rs.getString("status") + ")",
        nonNull(rs.getString("summary")), rs.getObject("opened_at", OffsetDateTime.class)), orderId));
    passages.addAll(jdbc.query("""
        select id, customer_id, subject, outcome, status, due_at from crm_manager_followups where order_id = ?
        order by id""", (rs, i) -> new Passage("followup:" + rs.getLong("id"), Passage.FOLLOWUP, owner, orderId,
        (Long) rs.getObject("customer_id", Long.class), "Follow-up (" + rs.getString("status") + ")",
        rs.getString("subject") + (rs.getString("outcome") == null ? "" : ". " + rs.getString("outcome")),
        rs.getObject("due_at", OffsetDateTime.class)), orderId));
    journey(orderId, owner).ifPresent(passages::add);
    return passages;
  }

  private java.util.Optional<Passage> journey(long orderId, String owner) {
    List<Map<String, Object>> order = jdbc.queryForList(
        "select external_id, bike_title, customer_id, status, created_at from orders where id = ?", orderId);
    if (order.isEmpty()) {
      return java.util.Optional.empty();
    }
    List<String> steps = new ArrayList<>();
    OffsetDateTime[] last = new OffsetDateTime[1];
    jdbc.query("""
        select event_type, stage, to_status, details, occurred_at from crm_journey_events where order_id = ?
        order by occurred_at, id""", rs -> {
          String step = rs.getString("to_status") != null ? rs.getString("to_status")
              : rs.getString("stage") != null ? rs.getString("event_type") + " " + rs.getString("stage")
              : rs.getString("event_type");
          if (steps.isEmpty() || !steps.get(steps.size() - 1).equals(step)) {
            steps.add(step);
          }
          last[0] = rs.getObject("occurred_at", OffsetDateTime.class);
        }, orderId);
    Map<String, Object> row = order.get(0);
    String text = "Order " + row.get("external_id") + " (" + row.get("bike_title") + "), status "
        + row.get("status") + ". Journey: " + String.join(" → ", steps);
    return java.util.Optional.of(new Passage("journey:" + orderId, Passage.JOURNEY, owner, orderId,
        ((Number) row.get("customer_id")).longValue(), "Journey of order " + row.get("external_id"), text,
        last[0]));
  }

  private List<Passage> customerContacts(long customerId) {
    String owner = "customers/" + customerId;
    return jdbc.query("""
        select * from crm_touchpoints where customer_id = ? and order_id is null order by occurred_at desc, id desc
        offset 0 rows fetch next ? rows only""", (rs, i) -> touchpoint(rs, owner), customerId, maxPerOrder);
  }

  private static Passage touchpoint(java.sql.ResultSet rs, String owner) throws java.sql.SQLException {
    String source = "interaction".equals(rs.getString("source")) ? Passage.INTERACTION : Passage.TOUCHPOINT;
    return new Passage(source + ":" + rs.getLong("id"), source, owner, (Long) rs.getObject("order_id", Long.class),
        rs.getLong("customer_id"), rs.getString("channel") + " " + rs.getString("direction")
            + (rs.getString("subject") == null ? "" : ": " + rs.getString("subject")),
        nonNull(rs.getString("summary")), rs.getObject("occurred_at", OffsetDateTime.class));
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
