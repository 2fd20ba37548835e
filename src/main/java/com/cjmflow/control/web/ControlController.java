package com.cjmflow.control.web;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.control.ActivityControl;
import com.cjmflow.control.BreachControl;
import com.cjmflow.control.OrderControl;
import com.cjmflow.platform.ApiProblems;
import com.cjmflow.platform.CurrentUser;
import com.cjmflow.platform.Page;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The head of sales' control lists: orders by stage and SLA state, manager actions, breaches and delays. The head of
 * sales and process owners read everything; a sales manager reads their own (managerId defaults to them).
 */
@RestController
@RequestMapping("/api/v1/crm")
@Tag(name = "Control")
class ControlController {

  static final List<String> READ_ALL = List.of("head-of-sales", "process-owners");
  private static final String CODE = "[a-z][a-z0-9_]{0,59}";

  private final OrderControl orders;
  private final ActivityControl activity;
  private final BreachControl breaches;
  private final CurrentUser currentUser;
  private final Clock clock;

  ControlController(OrderControl orders, ActivityControl activity, BreachControl breaches, CurrentUser currentUser,
      Clock clock) {
    this.orders = orders;
    this.activity = activity;
    this.breaches = breaches;
    this.currentUser = currentUser;
    this.clock = clock;
  }

  @GetMapping("/orders")
  @Operation(summary = "Orders with their current stage, SLA state (due, warned, breached, whose clock), open tasks "
      + "and stall flag; filtered, sorted (createdAt, stageEnteredAt, slaDueAt, escalationLevel, id; - for "
      + "descending) and paged")
  Page<OrderControl.OrderRow> orders(@RequestParam(required = false) @Pattern(regexp = CODE) @Parameter(description = "Only orders in this status (a stage of the model, closed or cancelled)") String status,
      @RequestParam(required = false) @Pattern(regexp = CODE) @Parameter(description = "Only orders (or breaches) at this stage") String stage,
      @RequestParam(required = false) @Parameter(description = "Only this manager's (a sales manager sees only their own)") String managerId,
      @RequestParam(required = false) @Min(1) Long customerId,
      @RequestParam(required = false) @Parameter(description = "Only orders whose current stage is (true) or is not (false) past its SLA") Boolean breached, @RequestParam(required = false) @Parameter(description = "Only stalled (true) or not stalled (false) orders") Boolean stalled,
      @RequestParam(required = false) @Pattern(regexp = CODE) @Parameter(description = "Only orders whose current stage runs on this outside party's clock and is overdue (client, seller, carrier, …)") String delayedParty,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Parameter(description = "Entered, occurred or breached at or after (ISO-8601 with offset)") OffsetDateTime from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Parameter(description = "Entered, occurred or breached before (ISO-8601 with offset)") OffsetDateTime to,
      @RequestParam(required = false) @Pattern(regexp = "-?[A-Za-z]{1,30}") @Parameter(description = "Sort key (createdAt, stageEnteredAt, slaDueAt, escalationLevel, id), with a leading - for descending") String sort,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
    checkRange(from, to);
    String sortKey = sort == null ? null : sort.startsWith("-") ? sort.substring(1) : sort;
    if (sortKey != null && !OrderControl.SORTS.containsKey(sortKey)) {
      throw badRequest("sort must be one of " + OrderControl.SORTS.keySet() + ", optionally with a leading -");
    }
    return orders.list(new OrderControl.Query(status, stage, visibleManager(managerId), customerId, breached,
        stalled, delayedParty, from, to, sort, page, size));
  }

  @GetMapping("/activity")
  @Operation(summary = "Manager actions (claims, completions, assignments, field and variable changes, status "
      + "changes, touchpoints, follow-ups) by managers, integrations and the system, newest first")
  Page<ActivityControl.Activity> activity(@RequestParam(required = false) @Parameter(description = "Only this manager's (a sales manager sees only their own)") String managerId,
      @RequestParam(required = false) @Pattern(regexp = "manager|integration|system") @Parameter(description = "Only actions of this kind of actor: manager, integration or system") String actorKind,
      @RequestParam(required = false) @Min(1) Long orderId,
      @RequestParam(required = false) @Pattern(regexp = CODE) @Parameter(description = "Only this kind (activity: claim, complete, status_change, touchpoint, …; breaches: stage, reply_window, case)") String kind,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Parameter(description = "Entered, occurred or breached at or after (ISO-8601 with offset)") OffsetDateTime from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Parameter(description = "Entered, occurred or breached before (ISO-8601 with offset)") OffsetDateTime to,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
    checkRange(from, to);
    return activity.list(new ActivityControl.Query(visibleManager(managerId), actorKind, orderId, kind, from, to,
        page, size));
  }

  @GetMapping("/sla/breaches")
  @Operation(summary = "Breaches and delays in one list: stage SLAs (the manager's or an outside party's clock) and "
      + "reply windows, with how late, whose clock and the escalation level reached; newest first")
  Page<BreachControl.Breach> breaches(@RequestParam(required = false) @Parameter(description = "Only breaches still open (true) or closed (false)") Boolean open,
      @RequestParam(required = false) @Pattern(regexp = CODE) @Parameter(description = "Only breaches on this party's clock (manager, client, seller, carrier, …)") String party,
      @RequestParam(required = false) @Pattern(regexp = CODE) @Parameter(description = "Only orders (or breaches) at this stage") String stage,
      @RequestParam(required = false) @Parameter(description = "Only this manager's (a sales manager sees only their own)") String managerId,
      @RequestParam(required = false) @Pattern(regexp = "stage|reply_window|case") @Parameter(description = "Only this kind (activity: claim, complete, status_change, touchpoint, …; breaches: stage, reply_window, case)") String kind,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Parameter(description = "Entered, occurred or breached at or after (ISO-8601 with offset)") OffsetDateTime from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Parameter(description = "Entered, occurred or breached before (ISO-8601 with offset)") OffsetDateTime to,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
    checkRange(from, to);
    return breaches.list(new BreachControl.Query(open, party, stage, visibleManager(managerId), kind, from, to, page,
        size), OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
  }

  /** Whose rows the caller may read: anyone's for the head of sales, else only their own. */
  private String visibleManager(String requested) {
    if (currentUser.groups().stream().anyMatch(READ_ALL::contains)) {
      return requested == null || requested.isBlank() ? null : requested;
    }
    String self = currentUser.id().orElseThrow(() -> ApiProblems.forbidden("Not authenticated"));
    if (requested != null && !requested.equals(self)) {
      throw ApiProblems.forbidden("A manager reads only their own rows");
    }
    return self;
  }

  private static void checkRange(OffsetDateTime from, OffsetDateTime to) {
    if (from != null && to != null && from.isAfter(to)) {
      throw badRequest("from must not be after to");
    }
  }

  private static ErrorResponseException badRequest(String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setType(URI.create("urn:cjm:problem:invalid-parameter"));
    return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
  }
}
