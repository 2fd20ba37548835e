package com.cjmflow.kpi.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.kpi.KpiRuns;
import com.cjmflow.kpi.KpiScorecards;
import com.cjmflow.kpi.Scorecard;
import com.cjmflow.platform.ApiProblems;
import com.cjmflow.platform.CurrentUser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A manager's scorecard (seed 000 §8): their own, or anyone's for the head of sales and the process owners. */
@RestController
@Tag(name = "KPI")
class ScorecardController {

  private static final int MAX_DAYS = 366;

  private final KpiScorecards scorecards;
  private final KpiRuns runs;
  private final CurrentUser currentUser;

  ScorecardController(KpiScorecards scorecards, KpiRuns runs, CurrentUser currentUser) {
    this.scorecards = scorecards;
    this.runs = runs;
    this.currentUser = currentUser;
  }

  /**
   * The scorecard for {@code period}: {@code week} (this Monday–Sunday), {@code month} (this calendar month) or a
   * custom {@code 2026-11-01..2026-11-15} (inclusive, at most 366 days), with its components and daily facts.
   */
  @GetMapping("/api/v1/crm/managers/{managerId}/scorecard")
  @Operation(operationId = "getScorecard", summary = "A manager's KPI scorecard for a week, a month or a custom range",
      description = "A manager reads their own; the head of sales and process owners anyone's.")
  Scorecard scorecard(@PathVariable String managerId, @RequestParam(defaultValue = "week") @Parameter(description =
      "`week` (this Monday to Sunday), `month` (this calendar month) or `2026-11-01..2026-11-15` (inclusive, "
          + "at most 366 days)")
      @Pattern(regexp = "week|month|\\d{4}-\\d{2}-\\d{2}\\.\\.\\d{4}-\\d{2}-\\d{2}") String period) {
    LocalDate today = runs.today();
    LocalDate start;
    LocalDate end;
    String kind;
    if ("week".equals(period)) {
      kind = "week";
      start = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      end = start.plusDays(6);
    } else if ("month".equals(period)) {
      kind = "month";
      start = today.withDayOfMonth(1);
      end = today.with(TemporalAdjusters.lastDayOfMonth());
    } else {
      kind = "custom";
      String[] bounds = period.split("\\.\\.");
      try {
        start = LocalDate.parse(bounds[0]);
        end = LocalDate.parse(bounds[1]);
      } catch (DateTimeParseException e) {
        throw badPeriod("not a date: " + e.getParsedString());
      }
      if (end.isBefore(start) || ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
        throw badPeriod("a custom period runs forward over at most " + MAX_DAYS + " days");
      }
    }
    if (!scorecards.hasFacts(managerId) && !currentUser.isMemberOfAny(managerId, List.of("sales-managers"))) {
      throw ApiProblems.notFound("Manager", managerId);
    }
    return scorecards.compute(managerId, kind, start, end);
  }

  private static ErrorResponseException badPeriod(String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Bad period: " + detail);
    problem.setType(java.net.URI.create("urn:cjm:problem:invalid-request"));
    return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
  }
}
