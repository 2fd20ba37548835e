package com.cjmflow.kpi.web;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.kpi.KpiRun;
import com.cjmflow.kpi.KpiRuns;
import com.cjmflow.kpi.KpiStalls;
import com.cjmflow.platform.ApiProblems;
import com.cjmflow.platform.CurrentUser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** KPI recompute runs and the stall-flag refresh: for the head of sales and the process owners. */
@RestController
@Tag(name = "KPI", description = "Manager KPI: recompute runs, stall flags and scorecards")
class KpiController {


  record RecomputeRequest(LocalDate from, LocalDate to, @Size(max = 64) String managerId) {}

  private final KpiRuns runs;
  private final KpiStalls stalls;
  private final CurrentUser currentUser;
  private final Clock clock;

  KpiController(KpiRuns runs, KpiStalls stalls, CurrentUser currentUser, Clock clock) {
    this.runs = runs;
    this.stalls = stalls;
    this.currentUser = currentUser;
    this.clock = clock;
  }

  /** Starts a background recompute (default: the recent horizon): 202 with the run; 409 while another run goes. */
  @PostMapping("/api/v1/crm/kpi/recompute")
  @Operation(operationId = "recomputeKpi", summary = "Recompute the managers' KPI daily facts in the background",
      description = "Head of sales and process owners only. Without a body: the recent horizon for every manager.",
      responses = {
          @ApiResponse(responseCode = "202", description = "Started; `Location` is the run",
              useReturnTypeSchema = true),
          @ApiResponse(responseCode = "409", description = "Another recompute is running"),
          @ApiResponse(responseCode = "422", description = "`to` is before `from`, or the range is too long")})
  ResponseEntity<KpiRun> recompute(@Valid @RequestBody(required = false) RecomputeRequest request) {
    RecomputeRequest r = request == null ? new RecomputeRequest(null, null, null) : request;
    KpiRun run = runs.start(r.from(), r.to(), r.managerId(), "api", currentUser.id().orElse(null));
    return ResponseEntity.accepted().location(URI.create("/api/v1/crm/kpi/runs/" + run.id())).body(run);
  }

  /** A run's status and progress (days done of days total). */
  @GetMapping("/api/v1/crm/kpi/runs/{runId}")
  @Operation(operationId = "getKpiRun", summary = "Progress of a KPI recompute run")
  KpiRun run(@PathVariable String runId) {
    return runs.find(runId).orElseThrow(() -> ApiProblems.notFound("KPI run", runId));
  }

  /** Re-evaluates the stall flags of every open order now, with counts. */
  @PostMapping("/api/v1/crm/kpi/stalls/refresh")
  @Operation(operationId = "refreshStalls", summary = "Refresh the orders' stall flags")
  KpiStalls.Refresh refreshStalls() {
    return stalls.refresh(clock.instant());
  }

}
