package com.cjmflow.ai;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * {@code POST /ai/crm/next-best-actions}: what a manager (or the head of sales, for an order or a customer) should do
 * next, from the live state only — an open reply window, a stage task, a client or an outside party whose clock
 * runs, an open case, a follow-up, a stalled order. Each candidate is ranked by the process owner's decision table
 * {@code next-best-actions} (priority and reason); each says its deadline and the call or task that carries it out.
 * When the live state changes (the task is completed, the reply sent) the action is gone from the next answer.
 */
@Service
public class NextBestActions {

  public static final String SERVICE = "next-best-actions";
  public static final String DECISION = "next-best-actions";
  static final int MAX_ACTIONS = 50;

  public record Request(String managerId, Long orderId, Long customerId, Integer limit) {}

  /** The call that carries the action out (a REST call of this API or a Tasklist task). */
  @io.swagger.v3.oas.annotations.media.Schema(name = "NextBestActionCall")
  public record Call(String method, String path, String note) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "NextBestAction")
  public record Action(String kind, int priority, String reason, String title, OffsetDateTime deadline,
      Double hoursLeft, Long orderId, String orderExternalId, Long customerId, String ref, Call call) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "NextBestActionsResponse")
  public record Response(String requestId, String generator, String decision, List<Action> actions) {}

  private record Candidate(String kind, String title, OffsetDateTime deadline, Long orderId, String externalId,
      Long customerId, String tier, String ref, Call call) {}

  private final JdbcTemplate jdbc;
  private final Decisions decisions;
  private final AiRequestLog log;
  private final Clock clock;

  NextBestActions(JdbcTemplate jdbc, Decisions decisions, AiRequestLog log, Clock clock) {
    this.jdbc = jdbc;
    this.decisions = decisions;
    this.log = log;
    this.clock = clock;
  }

  public Response rank(Request request, String actorId, String channel) {
    long started = System.nanoTime();
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (request.managerId() == null && request.orderId() == null && request.customerId() == null) {
      throw new AiRuleViolation("managerId, orderId or customerId is required");
    }
    if (request.orderId() != null && jdbc.queryForObject("select count(*) from orders where id = ?", Long.class,
        request.orderId()) == 0) {
      throw new AiNotFound("Order", request.orderId());
    }
    if (request.customerId() != null && jdbc.queryForObject("select count(*) from customers where id = ?",
        Long.class, request.customerId()) == 0) {
      throw new AiNotFound("Customer", request.customerId());
    }
    List<Candidate> candidates = candidates(request);
    String decision = DECISION;
    List<Action> actions = new ArrayList<>();
    for (Candidate c : candidates) {
      Double hoursLeft = c.deadline() == null ? null
          : Math.round(Duration.between(now, c.deadline()).toMinutes() / 6.0) / 10.0;
      Map<String, Object> facts = new HashMap<>();
      facts.put("kind", c.kind());
      facts.put("hoursLeft", hoursLeft);
      facts.put("customerTier", c.tier() == null ? "standard" : c.tier());
      Decisions.Row row = decisions.first(DECISION, facts).orElse(null);
      int priority = row == null || row.outputs().get("priority") == null ? 0
          : ((Number) row.outputs().get("priority")).intValue();
      String reason = row == null ? "" : String.valueOf(row.outputs().get("reason"));
      if (row != null) {
        decision = DECISION + " v" + row.version();
      }
      actions.add(new Action(c.kind(), priority, reason, c.title(), c.deadline(), hoursLeft, c.orderId(),
          c.externalId(), c.customerId(), c.ref(), c.call()));
    }
    actions.sort(Comparator.comparingInt(Action::priority).reversed()
        .thenComparing(Action::deadline, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(Action::ref));
    int limit = request.limit() == null ? 20 : Math.max(1, Math.min(MAX_ACTIONS, request.limit()));
    List<Action> top = List.copyOf(actions.subList(0, Math.min(limit, actions.size())));
    Response response = new Response(null, "rules:" + decision, decision, top);
    Long orderId = request.orderId();
    String requestId = log.record(new AiRequestLog.Entry(SERVICE, channel, actorId, orderId, request.customerId(),
        response.generator(), request, Map.of("candidates", candidates.size()), response, List.of(),
        List.of(), top.isEmpty() ? "" : top.get(0).kind() + " " + top.get(0).ref(), now,
        (System.nanoTime() - started) / 1_000_000));
    return new Response(requestId, response.generator(), decision, top);
  }

  private List<Candidate> candidates(Request request) {
    Set<Long> orders = scope(request);
    List<Candidate> result = new ArrayList<>();
    String in = marks(orders);
    Object[] ids = orders.toArray();
    if (!orders.isEmpty()) {
      jdbc.query("""
          select t.id, t.order_id, t.customer_id, t.channel, t.subject, t.response_due_at, o.external_id, c.tier
            from crm_touchpoints t join customers c on c.id = t.customer_id left join orders o on o.id = t.order_id
           where t.response_due_at is not null and t.responded_at is null and t.order_id in (%s)""".formatted(in),
          rs -> {
            long orderId = rs.getLong("order_id");
            result.add(new Candidate("answer_reply_window", "Answer the " + rs.getString("channel") + " message"
                + (rs.getString("subject") == null ? "" : " \"" + rs.getString("subject") + "\""),
                rs.getObject("response_due_at", OffsetDateTime.class), orderId, rs.getString("external_id"),
                rs.getLong("customer_id"), rs.getString("tier"), "touchpoint:" + rs.getLong("id"),
                new Call("POST", "/api/v1/crm/orders/" + orderId + "/touchpoints",
                    "an outbound touchpoint on the order closes the reply window")));
          }, ids);
      jdbc.query("""
          select k.task_id, k.order_id, k.name, k.assignee, k.due_at, o.external_id, o.customer_id, c.tier
            from tasks k join orders o on o.id = k.order_id join customers c on c.id = o.customer_id
           where k.completed_at is null and k.order_id in (%s)""".formatted(in), rs -> {
            if (request.managerId() != null && request.orderId() == null && rs.getString("assignee") != null
                && !request.managerId().equals(rs.getString("assignee"))) {
              return;
            }
            result.add(new Candidate("complete_task", rs.getString("name"), rs.getObject("due_at",
                OffsetDateTime.class), rs.getLong("order_id"), rs.getString("external_id"), rs.getLong("customer_id"),
                rs.getString("tier"), "task:" + rs.getString("task_id"), new Call("POST",
                    "/engine-rest/task/" + rs.getString("task_id") + "/submit-form",
                    "open the task in Tasklist, claim it and submit its form")));
          }, ids);
      jdbc.query("""
          select v.order_id, v.external_id, v.customer_id, v.customer_tier, v.current_stage, v.clock_owner,
                 v.sla_due_at, v.is_stalled, v.stall_reason
            from crm_order_control_v v where v.is_open and v.order_id in (%s)""".formatted(in), rs -> {
            long orderId = rs.getLong("order_id");
            String owner = rs.getString("clock_owner");
            OffsetDateTime due = rs.getObject("sla_due_at", OffsetDateTime.class);
            if (owner != null && !"manager".equals(owner) && due != null) {
              boolean client = "client".equals(owner);
              result.add(new Candidate(client ? "remind_client" : "chase_party", (client ? "Remind the client"
                  : "Chase the " + owner) + " (stage " + rs.getString("current_stage") + ")", due, orderId,
                  rs.getString("external_id"), rs.getLong("customer_id"), rs.getString("customer_tier"),
                  "stage:" + orderId + ":" + rs.getString("current_stage"), client
                      ? new Call("POST", "/ai/crm/compose-email", "draft the reminder, send it, record the "
                          + "touchpoint (POST /api/v1/crm/orders/" + orderId + "/touchpoints)")
                      : new Call("POST", "/api/v1/crm/orders/" + orderId + "/followups",
                          "plan the chase as a follow-up, or record the contact as a touchpoint")));
            }
            if (rs.getBoolean("is_stalled")) {
              result.add(new Candidate("unstall_order", "Move the stalled order on ("
                  + rs.getString("stall_reason") + ")", null, orderId, rs.getString("external_id"),
                  rs.getLong("customer_id"), rs.getString("customer_tier"), "stall:" + orderId,
                  new Call("POST", "/api/v1/crm/orders/" + orderId + "/followups", "plan the next step")));
            }
          }, ids);
      jdbc.query("""
          select k.id, k.order_id, k.case_type, k.summary, o.external_id, o.customer_id, c.tier
            from order_cases k join orders o on o.id = k.order_id join customers c on c.id = o.customer_id
           where k.status = 'open' and k.order_id in (%s)""".formatted(in), rs -> {
            result.add(new Candidate("resolve_case", "Resolve the " + rs.getString("case_type") + " case"
                + (rs.getString("summary") == null ? "" : ": " + rs.getString("summary")), null,
                rs.getLong("order_id"), rs.getString("external_id"), rs.getLong("customer_id"), rs.getString("tier"),
                "case:" + rs.getLong("id"), new Call("GET", "/api/v1/crm/orders/" + rs.getLong("order_id"),
                    "the order 360 shows the case and its refund or compensation")));
          }, ids);
    }
    followups(request, orders, result);
    return result;
  }

  private void followups(Request request, Set<Long> orders, List<Candidate> result) {
    List<Object> args = new ArrayList<>();
    List<String> or = new ArrayList<>();
    if (!orders.isEmpty()) {
      or.add("f.order_id in (" + marks(orders) + ")");
      args.addAll(orders);
    }
    if (request.managerId() != null && request.orderId() == null) {
      or.add("f.manager_id = ?");
      args.add(request.managerId());
    }
    if (request.customerId() != null && request.orderId() == null) {
      or.add("f.customer_id = ?");
      args.add(request.customerId());
    }
    if (or.isEmpty()) {
      return;
    }
    Set<Long> seen = new LinkedHashSet<>();
    jdbc.query("""
        select f.id, f.order_id, f.customer_id, f.subject, f.due_at, o.external_id, c.tier
          from crm_manager_followups f left join orders o on o.id = f.order_id
          left join customers c on c.id = coalesce(f.customer_id, o.customer_id)
         where f.status = 'open' and (%s)""".formatted(String.join(" or ", or)), rs -> {
          long id = rs.getLong("id");
          if (seen.add(id)) {
            result.add(new Candidate("complete_followup", rs.getString("subject"),
                rs.getObject("due_at", OffsetDateTime.class), (Long) rs.getObject("order_id", Long.class),
                rs.getString("external_id"), (Long) rs.getObject("customer_id", Long.class), rs.getString("tier"),
                "followup:" + id, new Call("PATCH", "/api/v1/crm/followups/" + id + "/complete",
                    "complete it with its outcome")));
          }
        }, args.toArray());
  }

  /** The open orders the request is about. */
  private Set<Long> scope(Request request) {
    Set<Long> orders = new LinkedHashSet<>();
    if (request.orderId() != null) {
      orders.add(request.orderId());
      return orders;
    }
    if (request.customerId() != null) {
      orders.addAll(jdbc.queryForList("select order_id from crm_order_control_v where customer_id = ? and is_open",
          Long.class, request.customerId()));
    }
    if (request.managerId() != null) {
      orders.addAll(jdbc.queryForList("""
          select order_id from crm_order_control_v where manager_id = ? and is_open
          union select order_id from tasks where assignee = ? and completed_at is null and order_id is not null""",
          Long.class, request.managerId(), request.managerId()));
    }
    return orders;
  }

  private static String marks(Set<Long> ids) {
    return String.join(", ", Collections.nCopies(Math.max(1, ids.size()), "?"));
  }
}
