package com.cjmflow.ai.mcp;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cjmflow.ai.AiCaller;
import com.cjmflow.ai.AiInvalid;
import com.cjmflow.ai.AiNotAllowed;
import com.cjmflow.ai.AiNotFound;
import com.cjmflow.ai.AiToolCalled;
import com.cjmflow.ai.EmailComposer;
import com.cjmflow.ai.KnowledgeSearch;
import com.cjmflow.ai.NextBestActions;
import com.cjmflow.ai.ThreadSummarizer;
import com.cjmflow.cases.OrderCases;
import com.cjmflow.control.ActivityControl;
import com.cjmflow.control.BreachControl;
import com.cjmflow.control.OrderControl;
import com.cjmflow.followups.Followups;
import com.cjmflow.holacracy.Structure;
import com.cjmflow.holacracy.Tensions;
import com.cjmflow.interactions.Interactions;
import com.cjmflow.order360.Order360;
import com.cjmflow.orderflow.Orders;
import com.cjmflow.platform.CurrentUser;
import com.cjmflow.platform.DomainException;
import com.cjmflow.platform.security.RoleDeclaration;
import com.cjmflow.touchpoints.Touchpoints;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The MCP tools of the head of sales: the five control questions (orders, manager actions, client contacts,
 * breaches, an order's cases), the four AI services and the safe actions (plan a follow-up, record a touchpoint,
 * raise a tension).
 * Each tool is authorised like the REST endpoint it mirrors (the same entry of {@code security/roles.yaml}; a sales
 * manager's lists are their own), answers with the same JSON, reports a refused or failed call as a tool error
 * with the problem's detail, and is recorded in the activity log.
 */
@Component
class HeadOfSalesTools {

  /** A tool: its name, the REST call whose roles it has, its input schema and what it does with the arguments. */
  record Tool(String name, String description, String call, String schema, Function<Args, Object> run) {}

  private final OrderControl orders;
  private final ActivityControl activity;
  private final BreachControl breaches;
  private final Interactions interactions;
  private final Order360 order360;
  private final OrderCases orderCases;
  private final EmailComposer composer;
  private final ThreadSummarizer summarizer;
  private final NextBestActions actions;
  private final KnowledgeSearch search;
  private final Followups followups;
  private final Touchpoints touchpoints;
  private final Tensions tensions;
  private final Structure structure;
  private final Orders orderRows;
  private final AiCaller caller;
  private final CurrentUser currentUser;
  private final RoleDeclaration roles;
  private final ApplicationEventPublisher events;
  private final ObjectMapper json;
  private final Clock clock;
  private final JdbcClient jdbc;

  HeadOfSalesTools(OrderControl orders, ActivityControl activity, BreachControl breaches, Interactions interactions,
      Order360 order360, OrderCases orderCases, EmailComposer composer, ThreadSummarizer summarizer, NextBestActions actions,
      KnowledgeSearch search, Followups followups, Touchpoints touchpoints, Tensions tensions, Structure structure,
      Orders orderRows, AiCaller caller, CurrentUser currentUser, RoleDeclaration roles,
      ApplicationEventPublisher events, ObjectMapper json, Clock clock, JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.tensions = tensions;
    this.structure = structure;
    this.orders = orders;
    this.activity = activity;
    this.breaches = breaches;
    this.interactions = interactions;
    this.order360 = order360;
    this.orderCases = orderCases;
    this.composer = composer;
    this.summarizer = summarizer;
    this.actions = actions;
    this.search = search;
    this.followups = followups;
    this.touchpoints = touchpoints;
    this.orderRows = orderRows;
    this.caller = caller;
    this.currentUser = currentUser;
    this.roles = roles;
    this.events = events;
    this.json = json;
    this.clock = clock;
  }

  List<Tool> tools() {
    return List.of(
        new Tool("control_orders", "Orders with their current stage, SLA state (due, warned, breached, whose "
            + "clock), open tasks and stall flag", "GET /api/v1/crm/orders", schema(
                "status", "string", "stage", "string", "managerId", "string", "customerId", "integer",
                "breached", "boolean", "stalled", "boolean", "delayedParty", "string", "page", "integer",
                "size", "integer"),
            a -> orders.list(new OrderControl.Query(a.text("status"), a.text("stage"), manager(a), a.number("customerId"),
                a.flag("breached"), a.flag("stalled"), a.text("delayedParty"), null, null, null, a.page(),
                a.size(20)))),
        new Tool("control_activity", "Manager actions (claims, completions, assignments, status changes, "
            + "touchpoints, follow-ups, MCP tool calls), newest first", "GET /api/v1/crm/activity", schema(
                "managerId", "string", "actorKind", "string", "orderId", "integer", "kind", "string",
                "page", "integer", "size", "integer"),
            a -> activity.list(new ActivityControl.Query(manager(a), a.text("actorKind"), a.number("orderId"),
                a.text("kind"), null, null, a.page(), a.size(50)))),
        new Tool("control_interactions", "Client contacts (the interactions timeline), newest first",
            "GET /api/v1/interactions", schema("customerId", "integer", "orderId", "integer", "managerId", "string",
                "channel", "string", "page", "integer", "size", "integer"),
            a -> interactions.timeline(new Interactions.TimelineQuery(a.number("customerId"), a.number("orderId"),
                a.text("managerId"), a.text("channel"), null, null, a.page(), a.size(50)))),
        new Tool("control_breaches", "SLA breaches and delays: stage SLAs (manager's or an outside party's clock) "
            + "and reply windows, with whose clock and the escalation level", "GET /api/v1/crm/sla/breaches",
            schema("open", "boolean", "party", "string", "stage", "string", "managerId", "string", "kind", "string",
                "page", "integer", "size", "integer"),
            a -> breaches.list(new BreachControl.Query(a.flag("open"), a.text("party"), a.text("stage"), manager(a),
                a.text("kind"), null, null, a.page(), a.size(50)), OffsetDateTime.now(clock))),
        new Tool("control_cases", "An order's refund, compensation, complaint and return cases, with its refunds",
            "GET /api/v1/crm/orders/{orderId}", schema("orderId", "integer!"),
            a -> {
              long orderId = a.required("orderId");
              order360.summary(orderId).orElseThrow(() -> new AiNotFound("Order", orderId));
              return Map.of("orderId", orderId, "cases", orderCases.ofOrder(orderId), "refunds",
                  order360.refunds(orderId));
            }),
        new Tool("compose_email", "Draft an e-mail for an order or customer and an intent (payment_reminder, "
            + "check_report_ready, delay_apology, inspection_report_ready, status_update)",
            "POST /ai/crm/compose-email", schema("orderId", "integer", "customerId", "integer", "intent", "string!",
                "language", "string"),
            a -> composer.compose(new EmailComposer.Request(a.number("orderId"), a.number("customerId"),
                a.text("intent"), language(a)), caller.id(), AiCaller.MCP)),
        new Tool("summarize_thread", "Summarise the contacts of an order, a customer or an interaction's thread",
            "POST /ai/crm/summarize-thread", schema("orderId", "integer", "customerId", "integer",
                "interactionId", "integer", "language", "string"),
            a -> {
              if (a.number("orderId") == null && a.number("customerId") == null && a.number("interactionId") == null) {
                throw new AiInvalid("one of orderId, customerId, interactionId is required");
              }
              return summarizer.summarize(new ThreadSummarizer.Request(a.number("orderId"), a.number("customerId"),
                  a.number("interactionId"), language(a)), caller.id(), AiCaller.MCP);
            }),
        new Tool("next_best_actions", "Ranked next best actions from live state for a manager, an order or a "
            + "customer", "POST /ai/crm/next-best-actions", schema("managerId", "string", "orderId", "integer",
                "customerId", "integer", "limit", "integer"),
            a -> {
              String manager = a.number("orderId") == null && a.number("customerId") == null
                  ? java.util.Optional.ofNullable(caller.visibleManager(a.text("managerId"))).orElse(caller.id())
                  : a.text("managerId") == null ? null : caller.visibleManager(a.text("managerId"));
              return actions.rank(new NextBestActions.Request(manager, a.number("orderId"), a.number("customerId"),
                  a.size(20) > 50 ? 50 : a.size(20)), caller.id(), AiCaller.MCP);
            }),
        new Tool("rag_search", "Search touchpoints, interactions, case notes, follow-ups, journeys and the knowledge "
            + "base (refund policy, stage SLA, shipping times, inspection rules, reply windows)",
            "POST /ai/crm/rag/search", schema("query", "string!", "orderId", "integer", "customerId", "integer",
                "mode", "string", "limit", "integer"),
            a -> {
              String query = a.text("query");
              if (query == null || query.isBlank() || query.length() > 500) {
                throw new AiInvalid("query is required (at most 500 characters)");
              }
              return search.search(new KnowledgeSearch.Request(query, a.number("orderId"), a.number("customerId"),
                  null, a.text("mode"), Math.min(50, a.size(5))), caller.id(), AiCaller.MCP);
            }),
        new Tool("create_followup", "Plan a follow-up on an order (a task in Tasklist for its manager, default you)",
            "POST /api/v1/crm/orders/{orderId}/followups", schema("orderId", "integer!", "subject", "string!",
                "dueAt", "string!", "managerId", "string"),
            a -> {
              long orderId = a.required("orderId");
              orderRows.find(orderId).orElseThrow(() -> new AiNotFound("Order", orderId));
              String subject = a.text("subject");
              if (subject == null || subject.isBlank() || subject.length() > 300) {
                throw new AiInvalid("subject is required (at most 300 characters)");
              }
              String manager = a.text("managerId") == null ? caller.id() : a.text("managerId");
              if (!currentUser.isMemberOfAny(manager, List.of("sales-managers", "head-of-sales"))) {
                throw new DomainException.RuleViolation(manager + " is not a manager");
              }
              return followups.create(new Followups.NewFollowup(orderId, subject, a.time("dueAt"), null, manager,
                  caller.id(), "manager"));
            }),
        new Tool("add_touchpoint", "Record a contact with the client about an order (inbound opens a reply window, "
            + "outbound answers it)", "POST /api/v1/crm/orders/{orderId}/touchpoints", schema("orderId", "integer!",
                "channel", "string!", "direction", "string!", "summary", "string!", "subject", "string",
                "occurredAt", "string"),
            a -> {
              long orderId = a.required("orderId");
              Orders.Order order = orderRows.find(orderId).orElseThrow(() -> new AiNotFound("Order", orderId));
              String channel = a.text("channel");
              String direction = a.text("direction");
              String summary = a.text("summary");
              if (channel == null || !channel.matches("phone|email|whatsapp|telegram|vk|web|other")
                  || direction == null || !direction.matches("inbound|outbound") || summary == null
                  || summary.isBlank() || summary.length() > 4000) {
                throw new AiInvalid("channel (phone|email|whatsapp|telegram|vk|web|other), direction "
                    + "(inbound|outbound) and summary (at most 4000 characters) are required");
              }
              OffsetDateTime at = a.text("occurredAt") == null ? OffsetDateTime.now(clock) : a.time("occurredAt");
              if (at.isAfter(OffsetDateTime.now(clock).plusMinutes(5))) {
                throw new DomainException.RuleViolation("occurredAt lies in the future");
              }
              String manager = Touchpoints.OUTBOUND.equals(direction) ? caller.id() : order.managerId();
              return touchpoints.record(new Touchpoints.NewTouchpoint(order.customerId(), orderId, channel,
                  direction, manager, a.text("subject"), summary, at, null, "api")).touchpoint();
            }),
        new Tool("raise_tension", "Raise a tension (kind operational or governance) for a circle or a role, "
            + "by id or key (e.g. roleKey sales-managers), optionally about an order, stage, task or case; "
            + "raised by you", "POST /api/v1/crm/holacracy/tensions", schema("kind", "string!", "title", "string!",
                "description", "string", "circleId", "integer", "circleKey", "string", "roleId", "integer",
                "roleKey", "string", "orderId", "integer", "stage", "string", "taskId", "string", "caseId",
                "integer"),
            a -> {
              String kind = a.text("kind");
              if (kind == null || !kind.matches("operational|governance")) {
                throw new AiInvalid("kind must be operational or governance");
              }
              String title = a.text("title", 300);
              if (title == null) {
                throw new AiInvalid("title is required (at most 300 characters)");
              }
              return tensions.raise(new Tensions.NewTension(kind, title, a.text("description", 4000),
                  circle(a), role(a), a.number("orderId"), a.text("stage", 60), a.text("taskId", 64),
                  a.number("caseId")));
            }));
  }

  List<SyncToolSpecification> specifications() {
    McpJson mapper = new McpJson();
    List<SyncToolSpecification> specs = new ArrayList<>();
    for (Tool tool : tools()) {
      McpSchema.Tool definition = McpSchema.Tool.builder().name(tool.name()).description(tool.description()
          + " (as " + tool.call() + ")").inputSchema(mapper.mapper(), tool.schema()).build();
      specs.add(SyncToolSpecification.builder().tool(definition)
          .callHandler((exchange, request) -> call(tool, request.arguments())).build());
    }
    return specs;
  }

  /** Runs the tool as the caller: refused unless the caller's roles allow the REST call it mirrors. */
  McpSchema.CallToolResult call(Tool tool, Map<String, Object> arguments) {
    Args args = new Args(arguments == null ? Map.of() : arguments);
    String actor = currentUser.id().orElse(null);
    String outcome;
    McpSchema.CallToolResult result;
    try {
      if (actor == null) {
        throw new AiNotAllowed("Not authenticated");
      }
      if (!allowed(tool.call())) {
        throw new AiNotAllowed("Your roles do not allow " + tool.call());
      }
      String body = json.writeValueAsString(tool.run().apply(args));
      outcome = "ok";
      result = McpSchema.CallToolResult.builder().addTextContent(body).isError(false).build();
    } catch (DomainException e) {
      outcome = e.status().value() + " " + e.problemType() + ": " + e.getMessage();
      result = error(outcome);
    } catch (IllegalArgumentException e) {
      outcome = "400 invalid-request: " + e.getMessage();
      result = error(outcome);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("tool result is not JSON", e);
    }
    if (actor != null) {
      events.publishEvent(new AiToolCalled(actor, tool.name(), existing("orders", args.numberOrNull("orderId")),
          existing("customers", args.numberOrNull("customerId")), text(arguments), outcome,
          OffsetDateTime.now(clock)));
    }
    return result;
  }

  private static McpSchema.CallToolResult error(String message) {
    return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
  }

  private boolean allowed(String call) {
    Set<String> groups = Set.copyOf(currentUser.groups());
    return roles.endpoints().stream().filter(e -> e.call().equals(call))
        .anyMatch(e -> groups.stream().anyMatch(g -> e.allows(g) || e.own().contains(g)));
  }

  /** The circle by id, or by key (422 for an unknown key, as the REST call answers for an unknown id). */
  private Long circle(Args args) {
    String key = args.text("circleKey", 60);
    if (args.number("circleId") != null || key == null) {
      return args.number("circleId");
    }
    return structure.circles().stream().filter(c -> c.key().equals(key)).findFirst()
        .orElseThrow(() -> new DomainException.RuleViolation("There is no circle " + key)).id();
  }

  /** The role by id, or by key (its Camunda group). */
  private Long role(Args args) {
    String key = args.text("roleKey", 64);
    if (args.number("roleId") != null || key == null) {
      return args.number("roleId");
    }
    return structure.roleByKey(key).orElseThrow(() -> new DomainException.RuleViolation("There is no role " + key))
        .id();
  }

  private String manager(Args args) {
    return caller.visibleManager(args.text("managerId"));
  }

  private static String language(Args args) {
    String language = args.text("language");
    if (language != null && !language.matches("ru|en")) {
      throw new AiInvalid("language must be ru or en");
    }
    return language;
  }

  /** The id when that order or customer exists (the activity log refers to it), else null. */
  private Long existing(String table, Long id) {
    if (id == null) {
      return null;
    }
    return jdbc.sql("select count(*) from " + table + " where id = ?").param(id).query(Long.class).single() > 0 ? id
        : null;
  }

  private String text(Map<String, Object> arguments) {
    try {
      return json.writeValueAsString(arguments == null ? Map.of() : arguments);
    } catch (JsonProcessingException e) {
      return String.valueOf(arguments);
    }
  }

  /** The JSON Schema of a tool's arguments: pairs of name and type; a type ending in ! is required. */
  static String schema(String... pairs) {
    StringBuilder properties = new StringBuilder();
    List<String> required = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      String type = pairs[i + 1];
      if (type.endsWith("!")) {
        type = type.substring(0, type.length() - 1);
        required.add("\"" + pairs[i] + "\"");
      }
      properties.append(properties.isEmpty() ? "" : ",").append('"').append(pairs[i]).append("\":{\"type\":\"")
          .append(type).append("\"}");
    }
    return "{\"type\":\"object\",\"properties\":{" + properties + "},\"required\":[" + String.join(",", required)
        + "],\"additionalProperties\":false}";
  }
}
