package com.cjmflow.ai;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cjmflow.ai.retrieval.LiveIndex;
import com.cjmflow.ai.retrieval.SearchIndex;
import com.cjmflow.cases.OrderCase;
import com.cjmflow.cases.OrderCases;
import com.cjmflow.customers.CustomerReference;
import com.cjmflow.order360.Order360;

/**
 * What an answer may rest on, read now: the customer profile summary (canonical reference and latest scores), the
 * order's live facts (stage, SLA due date from the stage-SLA table, money, cases, open reply windows) and the most
 * relevant recent passages from retrieval. Every fact names its source, and the answer lists the facts it used.
 */
@Component
public class Grounding {

  /** A fact an answer may use, with where it comes from. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "GroundingFact")
  public record Fact(String name, String value, String source) {}

  /** A passage retrieval found for the request. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "GroundingSnippet")
  public record Snippet(String id, String source, String text, OffsetDateTime occurredAt, double score) {}

  /** The grounded context of one request. */
  public record Context(long customerId, String customerName, String customerTier, String language,
      Long orderId, Order360.Summary order, List<OrderCase> cases, Map<String, Fact> facts,
      List<Snippet> snippets) {

    public Optional<String> fact(String name) {
      return Optional.ofNullable(facts.get(name)).map(Fact::value);
    }
  }

  private final Order360 orders;
  private final OrderCases orderCases;
  private final CustomerReference references;
  private final LiveIndex index;
  private final JdbcClient jdbc;

  Grounding(Order360 orders, OrderCases orderCases, CustomerReference references, LiveIndex index, JdbcClient jdbc) {
    this.orders = orders;
    this.orderCases = orderCases;
    this.references = references;
    this.index = index;
    this.jdbc = jdbc;
  }

  /** The context of an order (its customer included), or of a customer alone; 404 for an unknown id. */
  public Context of(Long orderId, Long customerId, String language, String retrievalQuery) {
    Order360.Summary order = null;
    long customer;
    if (orderId != null) {
      order = orders.summary(orderId).orElseThrow(() -> new AiNotFound("Order", orderId));
      if (customerId != null && customerId != order.customer().id()) {
        throw new AiRuleViolation("order " + orderId + " belongs to another customer");
      }
      customer = order.customer().id();
    } else if (customerId != null) {
      customer = customerId;
    } else {
      throw new AiRuleViolation("orderId or customerId is required");
    }
    CustomerReference.Reference reference = references.find(customer)
        .orElseThrow(() -> new AiNotFound("Customer", customer));
    String tier = jdbc.sql("select tier from customers where id = ?").param(customer).query(String.class).optional()
        .orElse(null);
    String lang = language != null ? language : preferredLanguage(customer).orElse("ru");

    Map<String, Fact> facts = new LinkedHashMap<>();
    put(facts, "customer.name", reference.displayName(), "customers");
    put(facts, "customer.tier", tier, "customers");
    put(facts, "customer.status", reference.status(), "customers");
    if (reference.scores() != null) {
      reference.scores().forEach((kind, score) -> put(facts, "score." + kind,
          score.score().stripTrailingZeros().toPlainString(), "customer_scores (" + score.source() + ")"));
    }
    List<OrderCase> cases = List.of();
    if (order != null) {
      orderFacts(facts, order);
      cases = orderCases.ofOrder(order.orderId());
      cases.stream().filter(c -> "open".equals(c.status())).forEach(c -> put(facts, "case." + c.id(),
          c.kind() + (c.summary() == null ? "" : ": " + c.summary()), "order_cases"));
    }
    List<Snippet> snippets = retrievalQuery == null ? List.of() : index.search(retrievalQuery,
        new SearchIndex.Filter(null, orderId, orderId == null ? customer : null), SearchIndex.Mode.FUSED, 3)
        .stream().map(h -> new Snippet(h.passage().id(), h.passage().source(), h.passage().content(),
            h.passage().occurredAt(), h.score())).toList();
    return new Context(customer, reference.displayName(), tier, lang,
        order == null ? null : order.orderId(), order, cases, facts, snippets);
  }

  private void orderFacts(Map<String, Fact> facts, Order360.Summary order) {
    put(facts, "order.externalId", order.externalId(), "orders");
    put(facts, "order.bike", order.bikeTitle(), "orders");
    put(facts, "order.status", order.status(), "orders (from the BPMN stage)");
    put(facts, "order.price", money(order.price()) + " " + order.currency(), "orders");
    put(facts, "order.paid", money(order.paidAmount()) + " " + order.currency(), "payments");
    BigDecimal outstanding = order.price().subtract(order.paidAmount() == null ? BigDecimal.ZERO : order.paidAmount());
    if (outstanding.signum() > 0) {
      put(facts, "order.outstanding", money(outstanding) + " " + order.currency(), "orders − payments");
    }
    put(facts, "order.manager", order.managerId(), "orders");
    if (order.currentStage() != null) {
      put(facts, "stage.current", order.currentStage().stage(), "crm_order_stage_instances");
      put(facts, "stage.clockOwner", order.currentStage().clockOwner(), "stage-sla (DMN)");
      if (order.currentStage().slaDueAt() != null) {
        put(facts, "stage.slaDueAt", order.currentStage().slaDueAt().toString(), "stage-sla (DMN)");
      }
      put(facts, "stage.slaBreached", Boolean.toString(order.currentStage().slaBreached()), "stage-sla (DMN)");
    }
    if (order.openReplyWindows() > 0) {
      put(facts, "order.openReplyWindows", Long.toString(order.openReplyWindows()), "crm_touchpoints");
    }
    if (order.stall() != null && order.stall().stalled()) {
      put(facts, "order.stalled", order.stall().reason(), "orders (stall flag)");
    }
  }

  private Optional<String> preferredLanguage(long customerId) {
    return jdbc.sql("""
        select pref_value from customer_preferences where customer_id = ? and pref_key in ('language', 'lang')
        order by pref_key""").param(customerId).query(String.class).list().stream().findFirst()
        .map(v -> v.toLowerCase(java.util.Locale.ROOT).startsWith("en") ? "en" : "ru");
  }

  private static void put(Map<String, Fact> facts, String name, String value, String source) {
    if (value != null && !value.isBlank()) {
      facts.put(name, new Fact(name, value, source));
    }
  }

  static String money(BigDecimal amount) {
    return amount == null ? "0" : amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
  }

  /** The facts an answer used, in the order they were asked for. */
  public static List<Fact> used(Context context, List<String> names) {
    List<Fact> used = new ArrayList<>();
    for (String name : names) {
      Fact fact = context.facts().get(name);
      if (fact != null && !used.contains(fact)) {
        used.add(fact);
      }
    }
    return used;
  }
}
