package com.cjmflow.holacracy.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.holacracy.Parking;
import com.cjmflow.holacracy.Tensions;
import com.cjmflow.platform.Page;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Seed 000 §8: tensions (raised by anyone) and parking sessions for the circles' meetings. */
@Tag(name = "Holacracy tensions", description = "Tensions of circles and roles, and topics parked for meetings")
@RestController
@Validated
@RequestMapping("/api/v1/crm/holacracy")
class TensionController {

  private static final String STATES = "open|triaged|in_progress|resolved|parked";
  private static final String KINDS = "operational|governance";

  @Schema(name = "HolacracyNewTension")
  record NewTension(@NotNull @Pattern(regexp = KINDS) String kind, @NotBlank @Size(max = 300) String title,
      @Size(max = 4000) String description,
      @Schema(description = "The circle (or give roleId)") Long circleId,
      @Schema(description = "The role it is for") Long roleId,
      @Schema(description = "Link: the order") Long orderId,
      @Size(max = 60) @Schema(description = "Link: the stage") String stage,
      @Size(max = 64) @Schema(description = "Link: the task") String taskId,
      @Schema(description = "Link: the case") Long caseId) {}

  @Schema(name = "HolacracyTensionChange")
  record TensionChange(@Pattern(regexp = "open|triaged|in_progress|resolved") String state,
      @Size(max = 2000) String note, Long circleId, Long roleId, @Pattern(regexp = KINDS) String kind) {}

  @Schema(name = "HolacracyNewParking")
  record NewParking(@NotNull Long circleId, @NotNull @Pattern(regexp = "tactical|governance") String meetingKind,
      @NotNull LocalDate meetingDate, @NotBlank @Size(max = 64) String facilitator,
      @Size(max = 500) @Schema(description = "The topic (default: the first tension's title)") String topic,
      @Size(max = 50) @Schema(description = "The tensions it holds (they are parked)") List<@NotNull Long> tensionIds) {}

  @Schema(name = "HolacracyParkingCompletion")
  record Completion(@NotBlank @Size(max = 4000) String outcome,
      @Size(max = 50) @Schema(description = "Held tensions the meeting resolved; the others open again")
      List<@NotNull Long> resolvedTensionIds) {}

  private final Tensions tensions;
  private final Parking parking;

  TensionController(Tensions tensions, Parking parking) {
    this.tensions = tensions;
    this.parking = parking;
  }

  @Operation(operationId = "listTensions", summary = "List tensions, newest first; filters are optional")
  @GetMapping("/tensions")
  Page<Tensions.Tension> list(
      @RequestParam(required = false) @Parameter(description = "Only this circle's") Long circleId,
      @RequestParam(required = false) @Parameter(description = "Only this role's") Long roleId,
      @RequestParam(required = false) @Pattern(regexp = STATES) @Parameter(description = "Only in this state")
      String state,
      @RequestParam(required = false) @Pattern(regexp = KINDS) @Parameter(description = "Only of this kind")
      String kind,
      @RequestParam(required = false) @Parameter(description = "Only those linked to this order") Long orderId,
      @RequestParam(defaultValue = "0") @Min(0) @Parameter(description = "Page, 0-based") int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) @Parameter(description = "Page size") int size) {
    return tensions.list(new Tensions.Filter(circleId, roleId, state, kind, orderId), page, size);
  }

  @Operation(operationId = "getTension", summary = "Read a tension with its history",
      responses = {
          @ApiResponse(responseCode = "200", description = "The tension", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "404", description = "No such tension")})
  @GetMapping("/tensions/{tensionId}")
  Tensions.Tension get(@PathVariable @Parameter(description = "The tension's id") long tensionId) {
    return tensions.get(tensionId);
  }

  /** Anyone may raise a tension, for a circle or a role. */
  @Operation(operationId = "raiseTension", summary = "Raise a tension for a circle or a role",
      responses = {
          @ApiResponse(responseCode = "201", description = "Raised (open)", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "422", description = "No circle or role given, or an unknown one")})
  @PostMapping("/tensions")
  ResponseEntity<Tensions.Tension> raise(@Valid @RequestBody NewTension request) {
    Tensions.Tension raised = tensions.raise(new Tensions.NewTension(request.kind(), request.title(),
        request.description(), request.circleId(), request.roleId(), request.orderId(), request.stage(),
        request.taskId(), request.caseId()));
    return ResponseEntity.created(URI.create("/api/v1/crm/holacracy/tensions/" + raised.id())).body(raised);
  }

  @Operation(operationId = "changeTension", summary = "Move a tension on (state, note, role, circle, kind)",
      responses = {
          @ApiResponse(responseCode = "200", description = "Changed; the change is in its history",
              useReturnTypeSchema = true),
          @ApiResponse(responseCode = "403", description = "Not its raiser, a member of its role, the lead link or "
              + "the process owner"),
          @ApiResponse(responseCode = "404", description = "No such tension"),
          @ApiResponse(responseCode = "409", description = "Not allowed from its state (e.g. it is parked)"),
          @ApiResponse(responseCode = "422", description = "Unknown circle or role")})
  @PatchMapping("/tensions/{tensionId}")
  Tensions.Tension change(@PathVariable @Parameter(description = "The tension's id") long tensionId,
      @Valid @RequestBody TensionChange request) {
    return tensions.change(tensionId, new Tensions.Change(request.state(), request.note(), request.circleId(),
        request.roleId(), request.kind()));
  }

  @Operation(operationId = "listParking", summary = "List parking sessions by meeting date")
  @GetMapping("/parking")
  Page<Parking.Session> parking(
      @RequestParam(required = false) @Parameter(description = "Only this circle's") Long circleId,
      @RequestParam(required = false) @Pattern(regexp = "parked|completed") @Parameter(description = "Only in this "
          + "state") String state,
      @RequestParam(defaultValue = "0") @Min(0) @Parameter(description = "Page, 0-based") int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) @Parameter(description = "Page size") int size) {
    return parking.list(circleId, state, page, size);
  }

  @Operation(operationId = "parkTopic", summary = "Park a topic or tensions for a circle's meeting",
      responses = {
          @ApiResponse(responseCode = "201", description = "Parked", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "409", description = "A tension is resolved or parked already"),
          @ApiResponse(responseCode = "422", description = "Unknown circle, facilitator or tension; no topic")})
  @PostMapping("/parking")
  ResponseEntity<Parking.Session> park(@Valid @RequestBody NewParking request) {
    Parking.Session session = parking.park(new Parking.NewSession(request.circleId(), request.meetingKind(),
        request.meetingDate(), request.facilitator(), request.topic(), request.tensionIds()));
    return ResponseEntity.created(URI.create("/api/v1/crm/holacracy/parking/" + session.id())).body(session);
  }

  @Operation(operationId = "completeParking", summary = "Complete a parking session with its outcome",
      responses = {
          @ApiResponse(responseCode = "200", description = "Completed; its tensions resolved or open again",
              useReturnTypeSchema = true),
          @ApiResponse(responseCode = "403", description = "Not the facilitator, the lead link or the process owner"),
          @ApiResponse(responseCode = "404", description = "No such parking session"),
          @ApiResponse(responseCode = "409", description = "Completed already"),
          @ApiResponse(responseCode = "422", description = "A resolved tension the session does not hold")})
  @PatchMapping("/parking/{parkingId}/complete")
  Parking.Session complete(@PathVariable @Parameter(description = "The parking session's id") long parkingId,
      @Valid @RequestBody Completion request) {
    return parking.complete(parkingId, request.outcome(), request.resolvedTensionIds());
  }
}
