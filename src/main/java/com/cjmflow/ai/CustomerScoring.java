package com.cjmflow.ai;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.cjmflow.customers.CustomerReference;

/**
 * Lead score, churn risk and contact routing (seed 004 §6) as the process owner's decision tables
 * ({@code lead-score}, {@code churn-risk}: points per matching row; {@code contact-routing}: first row) over
 * features computed in SQL from what we hold. Written back through the customer reference (the service behind
 * {@code PATCH /api/v1/customers/{id}/scores}) as lead, churn and risk, each with a source naming the table, its
 * version and the rows that produced it. Recomputed nightly and when the feed reports a change of the customer.
 */
@Service
public class CustomerScoring {

  public static final String LEAD = "lead-score";
  public static final String CHURN = "churn-risk";
  public static final String ROUTING = "contact-routing";
  static final String NEGATIVE = "(?i).*(жалоб|недовол|возврат|плох|ужас|обман|разочар|complain|refund|angry|"
      + "disappoint|broken|terrible|scam).*";

  /** One customer's scores and the features and rows behind them. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "CustomerScores")
  public record Result(long customerId, BigDecimal lead, String leadSource, BigDecimal churn, String churnSource,
      BigDecimal risk, String route, String riskSource, Map<String, Object> features) {}

  /** When the customer first got in touch and first booked. */
  record FirstTimes(OffsetDateTime firstContact, OffsetDateTime firstBooking) {}

  private final JdbcClient jdbc;
  private final Decisions decisions;
  private final CustomerReference references;
  private final Clock clock;

  CustomerScoring(JdbcClient jdbc, Decisions decisions, CustomerReference references, Clock clock) {
    this.jdbc = jdbc;
    this.decisions = decisions;
    this.references = references;
    this.clock = clock;
  }

  /** Scores the customer and writes the three scores; 404 for an unknown customer. */
  public Result score(long customerId) {
    if (count("select count(*) from customers where id = ?", customerId) == 0) {
      throw new AiNotFound("Customer", customerId);
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    Map<String, Object> lead = leadFeatures(customerId);
    Map<String, Object> churn = churnFeatures(customerId, now);
    Map<String, Object> routing = routingFeatures(customerId, now);

    List<Decisions.Row> leadRows = decisions.all(LEAD, lead);
    List<Decisions.Row> churnRows = decisions.all(CHURN, churn);
    Decisions.Row route = decisions.first(ROUTING, routing).orElseThrow();
    BigDecimal leadScore = points(leadRows);
    BigDecimal churnScore = points(churnRows);
    BigDecimal risk = BigDecimal.valueOf(((Number) route.outputs().get("risk")).intValue());
    String leadSource = source(LEAD, leadRows);
    String churnSource = source(CHURN, churnRows);
    String riskSource = source(ROUTING, List.of(route)) + " → " + route.outputs().get("route");
    references.writeScores(customerId, new CustomerReference.NewScores(leadScore, null, null, cut(leadSource), now));
    references.writeScores(customerId, new CustomerReference.NewScores(null, churnScore, null, cut(churnSource),
        now));
    references.writeScores(customerId, new CustomerReference.NewScores(null, null, risk, cut(riskSource), now));
    Map<String, Object> features = new LinkedHashMap<>(lead);
    features.putAll(churn);
    features.putAll(routing);
    return new Result(customerId, leadScore, leadSource, churnScore, churnSource, risk,
        String.valueOf(route.outputs().get("route")), riskSource, features);
  }

  /** Scores every customer (the nightly run); answers how many. */
  public int scoreAll() {
    List<Long> ids = jdbc.sql("select id from customers order by id").query(Long.class).list();
    ids.forEach(this::score);
    return ids.size();
  }

  private Map<String, Object> leadFeatures(long customerId) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("sourceChannel", first("""
        select source from leads where customer_id = ? order by created_at, id offset 0 rows fetch next 1 rows only""",
        customerId).orElseGet(() -> first("""
        select channel from crm_touchpoints where customer_id = ? order by occurred_at, id
        offset 0 rows fetch next 1 rows only""", customerId).orElse("unknown")));
    f.put("engagementCount", count("select count(*) from crm_touchpoints where customer_id = ?", customerId));
    BigDecimal deal = jdbc.sql("select max(price_amount) from orders where customer_id = ?").param(customerId)
        .query(BigDecimal.class).optional().orElse(null);
    f.put("dealSize", deal == null ? 0.0 : deal.doubleValue());
    FirstTimes times = jdbc.sql("""
        select (select min(occurred_at) from crm_touchpoints where customer_id = ?) first_contact,
               (select min(created_at) from orders where customer_id = ?) first_booking""")
        .params(customerId, customerId).query(FirstTimes.class).single();
    OffsetDateTime firstContact = times.firstContact();
    OffsetDateTime firstBooking = times.firstBooking();
    f.put("conversionHours", firstContact == null || firstBooking == null || firstBooking.isBefore(firstContact) ? null
        : java.time.Duration.between(firstContact, firstBooking).toMinutes() / 60.0);
    f.put("ordersCount", count("select count(*) from orders where customer_id = ?", customerId));
    return f;
  }

  private Map<String, Object> churnFeatures(long customerId, OffsetDateTime now) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("contactVolume", count("select count(*) from crm_touchpoints where customer_id = ? and occurred_at >= ?",
        customerId, now.minusDays(90)));
    f.put("replyBreaches", count("select count(*) from crm_touchpoints where customer_id = ? and is_sla_breached",
        customerId));
    f.put("paymentDelays", count("""
        select count(*) from crm_order_stage_instances s join orders o on o.id = s.order_id
         where o.customer_id = ? and s.is_sla_breached and s.clock_owner = 'client'""", customerId));
    f.put("openCases", count("""
        select count(*) from order_cases c join orders o on o.id = c.order_id
         where o.customer_id = ? and c.status = 'open'""", customerId));
    OffsetDateTime last = jdbc.sql("select max(occurred_at) from crm_touchpoints where customer_id = ?")
        .param(customerId).query(OffsetDateTime.class).optional().orElse(null);
    f.put("daysSinceContact", last == null ? null : java.time.Duration.between(last, now).toHours() / 24.0);
    f.put("refundRequests", count("""
        select count(*) from refund_requests r join orders o on o.id = r.order_id where o.customer_id = ?""",
        customerId));
    return f;
  }

  private Map<String, Object> routingFeatures(long customerId, OffsetDateTime now) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("channel", first("""
        select channel from crm_touchpoints where customer_id = ? and direction = 'inbound'
        order by occurred_at desc, id desc offset 0 rows fetch next 1 rows only""", customerId).orElse("none"));
    f.put("customerTier", first("select tier from customers where id = ?", customerId).orElse(null));
    f.put("negativeKeywords", (int) jdbc.sql("""
        select coalesce(subject, '') || ' ' || coalesce(summary, '') from crm_touchpoints
         where customer_id = ? and direction = 'inbound' and occurred_at >= ?""").params(customerId,
        now.minusDays(30)).query(String.class).list().stream()
        .filter(text -> text.replace('\n', ' ').matches(NEGATIVE)).count());
    f.put("pastEscalations", count("""
        select count(*) from crm_order_stage_instances s join orders o on o.id = s.order_id
         where o.customer_id = ? and s.escalation_level >= 2""", customerId));
    f.put("openCases", count("""
        select count(*) from order_cases c join orders o on o.id = c.order_id
         where o.customer_id = ? and c.status = 'open'""", customerId));
    return f;
  }

  private int count(String sql, Object... args) {
    return jdbc.sql(sql).params(args).query(Integer.class).single();
  }

  private java.util.Optional<String> first(String sql, Object... args) {
    return jdbc.sql(sql).params(args).query(String.class).list().stream().findFirst();
  }

  private static BigDecimal points(List<Decisions.Row> rows) {
    int sum = rows.stream().mapToInt(r -> ((Number) r.outputs().get("points")).intValue()).sum();
    return BigDecimal.valueOf(Math.max(0, Math.min(100, sum)));
  }

  static String source(String key, List<Decisions.Row> rows) {
    return "dmn:" + key + " v" + (rows.isEmpty() ? "?" : rows.get(0).version()) + " ["
        + rows.stream().map(r -> String.valueOf(r.outputs().get("rule"))).collect(Collectors.joining(",")) + "]";
  }

  private static String cut(String source) {
    return source.length() <= 100 ? source : source.substring(0, 99) + "…";
  }
}
