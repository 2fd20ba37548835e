package com.cjmflow.dashboard.web;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.dashboard.Dashboard;
import com.cjmflow.dashboard.OrderFlowDiagram;
import com.cjmflow.platform.CurrentUser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The data of the dashboard page ({@code /dashboard}); the head of sales and process owners see every manager, a
 * sales manager their own scorecard and stalled orders.
 */
@RestController
@Tag(name = "Dashboard")
class DashboardController {

  private static final List<String> READ_ALL = List.of("head-of-sales", "process-owners", "camunda-admin");
  private static final Duration DEFAULT_PERIOD = Duration.ofDays(28);
  private static final Duration LONGEST_PERIOD = Duration.ofDays(400);

  private final Dashboard dashboard;
  private final OrderFlowDiagram diagram;
  private final CurrentUser currentUser;
  private final Clock clock;
  private final ZoneId zone;

  DashboardController(Dashboard dashboard, OrderFlowDiagram diagram, CurrentUser currentUser, Clock clock,
      @Value("${cjm.ui.zone:Europe/Moscow}") ZoneId zone) {
    this.dashboard = dashboard;
    this.diagram = diagram;
    this.currentUser = currentUser;
    this.clock = clock;
    this.zone = zone;
  }

  @GetMapping("/api/v1/crm/dashboard")
  @Operation(summary = "The dashboard's numbers: today's pipeline per stage (orders, median and oldest age, breached), "
      + "SLA breaches and outside-party delays per day, weekly scorecards, open refund and compensation cases with "
      + "their money, stalled orders")
  Dashboard.Overview overview(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Parameter(description = "Period start (ISO-8601 with offset; default 28 days before to)") OffsetDateTime from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Parameter(description = "Period end, exclusive (ISO-8601 with offset; default now)") OffsetDateTime to) {
    OffsetDateTime end = to == null ? OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC) : to;
    OffsetDateTime start = from == null ? end.minus(DEFAULT_PERIOD) : from;
    checkRange(start, end);
    boolean all = currentUser.groups().stream().anyMatch(READ_ALL::contains);
    return dashboard.overview(start, end, zone, all ? null : currentUser.id().orElse(""));
  }

  @GetMapping("/api/v1/crm/dashboard/heatmap")
  @Operation(summary = "Per activity of order-flow: stage visits entered in the period, still open, median dwell "
      + "time of the finished ones (hours) and the share breached")
  List<Dashboard.Heat> heatmap(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Parameter(description = "Period start (ISO-8601 with offset; default 28 days before to)") OffsetDateTime from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Parameter(description = "Period end, exclusive (ISO-8601 with offset; default now)") OffsetDateTime to) {
    OffsetDateTime end = to == null ? OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC) : to;
    OffsetDateTime start = from == null ? end.minus(DEFAULT_PERIOD) : from;
    checkRange(start, end);
    return dashboard.heatmap(start, end);
  }

  @GetMapping(value = "/api/v1/crm/dashboard/diagram", produces = MediaType.APPLICATION_XML_VALUE)
  @Operation(summary = "The BPMN XML of the latest deployed order-flow, the diagram the heatmap colours")
  String diagram() {
    return diagram.latestXml();
  }

  private static void checkRange(OffsetDateTime from, OffsetDateTime to) {
    if (from.isAfter(to)) {
      throw badRequest("from must not be after to");
    }
    if (Duration.between(from, to).compareTo(LONGEST_PERIOD) > 0) {
      throw badRequest("the period may be at most 400 days");
    }
  }

  private static ErrorResponseException badRequest(String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setType(URI.create("urn:cjm:problem:invalid-parameter"));
    return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
  }
}
