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

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.cjmflow.cases.OrderCase;
import com.cjmflow.cases.OrderCases;
import com.cjmflow.platform.DisplayNames;

/**
 * {@code POST /ai/crm/next-best-actions}: what a manager (or the head of sales, for an order or a customer) should do
 * next, from the live state only — an open reply window, a stage task, a client or an outside party whose clock
 * runs, an open case near its SLA (its open step's or its own), a follow-up, a stalled order. Each candidate is
 * ranked by the process owner's decision table {@code next-best-actions} (priority and reason); each says its
 * deadline and the call or task that carries it out.
 * When the live state changes (the task is completed, the reply sent) the action is gone from the next answer.
 */
@Service
public class NextBestActions {

  public static final String SERVICE = "next-best-actions";
  public static final String DECISION = "next-best-actions";
  static final int MAX_ACTIONS = 50;
  private static final String OPEN_CASE = "open";

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

  private final JdbcClient jdbc;
  private final DisplayNames names;
  private final OrderCases orderCases;
  private final Decisions decisions;
  private final AiRequestLog log;
  private final Clock clock;

  NextBestActions(JdbcClient jdbc, OrderCases orderCases, Decisions decisions, AiRequestLog log, Clock clock,
      DisplayNames names) {
    this.names = names;
    this.jdbc = jdbc;
    this.orderCases = orderCases;
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
    if (request.orderId() != null && !exists("orders", request.orderId())) {
      throw new AiNotFound("Order", request.orderId());
    }
    if (request.customerId() != null && !exists("customers", request.customerId())) {
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

  /** An open reply window of an order in scope. */
  record ReplyWindow(long id, long orderId, long customerId, String channel, String subject,
      OffsetDateTime responseDueAt, String externalId, String tier) {}

  /** An open user task of an order in scope (its own process's or a case's). */
  record OpenTask(String taskId, long orderId, String processInstanceId, String name, String assignee,
      OffsetDateTime dueAt, String externalId, long customerId, String tier) {}

  /** The live state of an open order in scope. */
  record OrderState(long orderId, String externalId, long customerId, String customerTier, String currentStage,
      String clockOwner, OffsetDateTime slaDueAt, boolean isStalled, String stallReason) {}

  /** An order in scope with an open case. */
  record CaseOrder(long orderId, String externalId, long customerId, String tier) {}

  /** An open follow-up. */
  record OpenFollowup(long id, Long orderId, Long customerId, String subject, OffsetDateTime dueAt,
      String externalId, String tier) {}

  private List<Candidate> candidates(Request request) {
    Set<Long> orders = scope(request);
    List<Candidate> result = new ArrayList<>();
    if (!orders.isEmpty()) {
      String in = marks(orders);
      List<Object> ids = List.copyOf(orders);
      for (ReplyWindow w : jdbc.sql("""
          select t.id, t.order_id, t.customer_id, t.channel, t.subject, t.response_due_at, o.external_id, c.tier
            from crm_touchpoints t join customers c on c.id = t.customer_id left join orders o on o.id = t.order_id
           where t.response_due_at is not null and t.responded_at is null and t.order_id in (%s)""".formatted(in))
          .params(ids).query(ReplyWindow.class).list()) {
        result.add(new Candidate("answer_reply_window", names.phrase("nba.answer", Map.of("channel",
            names.channel(w.channel()), "subject", w.subject() == null ? ""
                : names.phrase("nba.subject", Map.of("subject", w.subject())))), w.responseDueAt(), w.orderId(),
            w.externalId(), w.customerId(), w.tier(), "touchpoint:" + w.id(),
            new Call("POST", "/api/v1/crm/orders/" + w.orderId() + "/touchpoints",
                "an outbound touchpoint on the order closes the reply window")));
      }
      List<OpenTask> tasks = jdbc.sql("""
          select k.task_id, k.order_id, k.process_instance_id, k.name, k.assignee, k.due_at, o.external_id,
                 o.customer_id, c.tier
            from tasks k join orders o on o.id = k.order_id join customers c on c.id = o.customer_id
           where k.completed_at is null and k.order_id in (%s)""".formatted(in)).params(ids)
          .query(OpenTask.class).list();
      List<Candidate> caseActions = new ArrayList<>();
      Set<String> caseTasks = cases(in, ids, tasks, caseActions);
      for (OpenTask k : tasks) {
        boolean someoneElses = request.managerId() != null && request.orderId() == null && k.assignee() != null
            && !request.managerId().equals(k.assignee());
        if (!someoneElses && !caseTasks.contains(k.taskId())) {
          result.add(new Candidate("complete_task", k.name(), k.dueAt(), k.orderId(), k.externalId(), k.customerId(),
              k.tier(), "task:" + k.taskId(), new Call("POST", "/engine-rest/task/" + k.taskId() + "/submit-form",
                  "open the task in Tasklist, claim it and submit its form")));
        }
      }
      for (OrderState o : jdbc.sql("""
          select v.order_id, v.external_id, v.customer_id, v.customer_tier, v.current_stage, v.clock_owner,
                 v.sla_due_at, v.is_stalled, v.stall_reason
            from crm_order_control_v v where v.is_open and v.order_id in (%s)""".formatted(in)).params(ids)
          .query(OrderState.class).list()) {
        long orderId = o.orderId();
        String owner = o.clockOwner();
        if (owner != null && !"manager".equals(owner) && o.slaDueAt() != null) {
          boolean client = "client".equals(owner);
          result.add(new Candidate(client ? "remind_client" : "chase_party", client
              ? names.phrase("nba.remind-client", Map.of("stage", names.stage(o.currentStage())))
              : names.phrase("nba.chase", Map.of("party", party(owner), "stage", names.stage(o.currentStage()))),
              o.slaDueAt(), orderId, o.externalId(),
              o.customerId(), o.customerTier(), "stage:" + orderId + ":" + o.currentStage(), client
                  ? new Call("POST", "/ai/crm/compose-email", "draft the reminder, send it, record the "
                      + "touchpoint (POST /api/v1/crm/orders/" + orderId + "/touchpoints)")
                  : new Call("POST", "/api/v1/crm/orders/" + orderId + "/followups",
                      "plan the chase as a follow-up, or record the contact as a touchpoint")));
        }
        if (o.isStalled()) {
          result.add(new Candidate("unstall_order", names.phrase("nba.unstall", Map.of("reason",
              String.valueOf(o.stallReason()))), null,
              orderId, o.externalId(), o.customerId(), o.customerTier(), "stall:" + orderId,
              new Call("POST", "/api/v1/crm/orders/" + orderId + "/followups", "plan the next step")));
        }
      }
      result.addAll(caseActions);
    }
    followups(request, orders, result);
    return result;
  }

  /**
   * The open cases of the orders in scope, read through the cases module: each is due at the earlier of its open
   * step's SLA and its own resolution SLA, and is carried out by the step's open task (which is then no separate
   * {@code complete_task}). Answers the ids of those tasks.
   */
  private Set<String> cases(String in, List<Object> ids, List<OpenTask> tasks, List<Candidate> result) {
    Set<String> stepTasks = new LinkedHashSet<>();
    for (CaseOrder order : jdbc.sql("""
        select distinct k.order_id, o.external_id, o.customer_id, c.tier
          from order_cases k join orders o on o.id = k.order_id join customers c on c.id = o.customer_id
         where k.status = 'open' and k.order_id in (%s)""".formatted(in)).params(ids).query(CaseOrder.class).list()) {
      for (OrderCase c : orderCases.ofOrder(order.orderId())) {
        if (!OPEN_CASE.equals(c.status())) {
          continue;
        }
        OpenTask step = c.processInstanceId() == null ? null : tasks.stream()
            .filter(t -> c.processInstanceId().equals(t.processInstanceId())).findFirst().orElse(null);
        Call call;
        if (step != null) {
          stepTasks.add(step.taskId());
          call = new Call("POST", "/engine-rest/task/" + step.taskId() + "/submit-form", "the case's step \""
              + step.name() + "\" in Tasklist, or the same step through the case API (POST /api/v1/crm/cases/"
              + c.id() + "/decision, /settlement or /client-informed)");
        } else {
          call = new Call("GET", "/api/v1/crm/cases/" + c.id(), "the case with its open step and SLA");
        }
        result.add(new Candidate("resolve_case", names.phrase("nba.resolve-case", Map.of("kind",
            word("nba.case.", c.kind()), "summary", c.summary() == null ? "" : ": " + c.summary(), "step",
            step == null ? "" : " (" + step.name() + ")")),
            earliest(c.currentStep() == null ? null : c.currentStep().slaDueAt(),
                c.sla() == null ? null : c.sla().dueAt()), order.orderId(), order.externalId(), order.customerId(),
            c.customerTier() != null ? c.customerTier() : order.tier(), "case:" + c.id(), call));
      }
    }
    return stepTasks;
  }

  private static OffsetDateTime earliest(OffsetDateTime a, OffsetDateTime b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
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
    for (OpenFollowup f : jdbc.sql("""
        select f.id, f.order_id, f.customer_id, f.subject, f.due_at, o.external_id, c.tier
          from crm_manager_followups f left join orders o on o.id = f.order_id
          left join customers c on c.id = coalesce(f.customer_id, o.customer_id)
         where f.status = 'open' and (%s)""".formatted(String.join(" or ", or))).params(args)
        .query(OpenFollowup.class).list()) {
      if (seen.add(f.id())) {
        result.add(new Candidate("complete_followup", f.subject(), f.dueAt(), f.orderId(), f.externalId(),
            f.customerId(), f.tier(), "followup:" + f.id(), new Call("PATCH", "/api/v1/crm/followups/" + f.id()
                + "/complete", "complete it with its outcome")));
      }
    }
  }

  /** The open orders the request is about. */
  private Set<Long> scope(Request request) {
    Set<Long> orders = new LinkedHashSet<>();
    if (request.orderId() != null) {
      orders.add(request.orderId());
      return orders;
    }
    if (request.customerId() != null) {
      orders.addAll(jdbc.sql("select order_id from crm_order_control_v where customer_id = ? and is_open")
          .param(request.customerId()).query(Long.class).list());
    }
    if (request.managerId() != null) {
      orders.addAll(jdbc.sql("""
          select order_id from crm_order_control_v where manager_id = ? and is_open
          union select order_id from tasks where assignee = ? and completed_at is null and order_id is not null""")
          .params(request.managerId(), request.managerId()).query(Long.class).list());
    }
    return orders;
  }

  private boolean exists(String table, long id) {
    return jdbc.sql("select count(*) from " + table + " where id = ?").param(id).query(Long.class).single() > 0;
  }

  private static String marks(Set<Long> ids) {
    return String.join(", ", Collections.nCopies(Math.max(1, ids.size()), "?"));
  }

  /** Whom a manager chases (the seller, the carrier, …), in the reader's language. */
  private String party(String owner) {
    String word = word("nba.party.", owner);
    return word.equals(owner) ? names.clock(owner) : word;
  }

  /** A word of the names bundle ({@code prefix + value}), or the value itself. */
  private String word(String prefix, String value) {
    String key = prefix + value;
    String word = names.phrase(key, Map.of());
    return word.equals(key) ? value : word;
  }
}
