package com.cjmflow.backfill.web;

import java.net.URI;
import java.nio.file.Path;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.backfill.Backfill;
import com.cjmflow.backfill.BackfillProperties;
import com.cjmflow.backfill.BackfillRun;
import com.cjmflow.platform.CurrentUser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The backfill from the legacy CRM as a background run: for the process owner and the admin. */
@RestController
@Tag(name = "Backfill", description = "Take the business over from the legacy EUBike CRM (seed 000 §9)")
class BackfillController {

  /** A legacy file in the backfill source folder ({@code cjm.backfill.source-directory}). */
  @Schema(name = "BackfillRequest")
  record BackfillRequest(
      @Schema(description = "File name of the legacy SQLite database inside the server's backfill source folder "
          + "(cjm.backfill.source-directory), e.g. eubike.db", example = "eubike.db")
      @NotBlank @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9_-][A-Za-z0-9._-]*",
          message = "must be a file name in the backfill source folder") String source) {}

  private final Backfill backfill;
  private final BackfillProperties settings;
  private final CurrentUser currentUser;

  BackfillController(Backfill backfill, BackfillProperties settings, CurrentUser currentUser) {
    this.backfill = backfill;
    this.settings = settings;
    this.currentUser = currentUser;
  }

  @PostMapping("/api/v1/crm/backfill")
  @Operation(operationId = "startBackfill", summary = "Backfill from the legacy CRM in the background",
      description = "Process owner and admin only. Runs the six steps of seed 000 §9 over the named file; a second run "
          + "over the same file changes nothing. One run at a time across nodes.",
      responses = {
          @ApiResponse(responseCode = "202", description = "Started; `Location` is the run", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "400", description = "No file name, or not a plain file name"),
          @ApiResponse(responseCode = "409", description = "Another backfill run is going"),
          @ApiResponse(responseCode = "422", description = "No readable legacy database of that name")})
  ResponseEntity<BackfillRun> start(@Valid @RequestBody BackfillRequest request) {
    Path source = Path.of(settings.sourceDirectory()).resolve(request.source()).normalize();
    BackfillRun run = backfill.start(source, currentUser.id().orElse(null));
    return ResponseEntity.accepted().location(URI.create("/api/v1/crm/backfill/runs/" + run.id())).body(run);
  }

  @GetMapping("/api/v1/crm/backfill/runs/{runId}")
  @Operation(operationId = "getBackfillRun", summary = "Progress and report of a backfill run",
      responses = {
          @ApiResponse(responseCode = "200", description = "The run; `report` once it is done",
              useReturnTypeSchema = true),
          @ApiResponse(responseCode = "404", description = "No such run")})
  BackfillRun run(@Parameter(description = "The run id that POST /api/v1/crm/backfill answered") @PathVariable
      String runId) {
    return backfill.find(runId);
  }
}
