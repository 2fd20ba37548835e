package com.cjmflow.holacracy.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.holacracy.Assignments;
import com.cjmflow.holacracy.HolacracyFacts;
import com.cjmflow.holacracy.Members;
import com.cjmflow.holacracy.Overview;
import com.cjmflow.holacracy.Structure;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Seed 000 §8: the structure (overview, circles), roles and who fills them, member profiles. */
@Tag(name = "Holacracy", description = "Circles and roles that route the work: a role is the Camunda candidate group "
    + "the models name, filling it makes the member see its tasks")
@RestController
@Validated
@RequestMapping("/api/v1/crm/holacracy")
class HolacracyController {

  static final String ROLE = "The role: its id, or its key (the Camunda candidate group, e.g. `sales-managers`)";

  @Schema(name = "HolacracyAssignRequest")
  record AssignRequest(@NotBlank @Size(max = 64) @Schema(description = "The member (a Camunda user)") String userId,
      @Min(1) @Max(100) @Schema(description = "Share of the member's time in percent (default 100)")
      Integer focusPercent,
      @Schema(description = "From when (default now)") OffsetDateTime from,
      @Schema(description = "Until when, exclusive (default open-ended)") OffsetDateTime until,
      @Size(max = 2000) String note) {}

  @Schema(name = "HolacracyEndAssignmentRequest")
  record EndRequest(@Schema(description = "When it ends (default now)") OffsetDateTime until,
      @Schema(description = "End the role's last cover although it has open tasks") Boolean force,
      @Size(max = 2000) String note) {}

  @Schema(name = "HolacracyRoleRequest")
  record RoleRequest(@NotNull @Pattern(regexp = "[a-z][a-z0-9-]{1,63}") @Schema(description = "The key: the "
      + "candidate group the BPMN tasks name") String key,
      @Size(max = 64) @Schema(description = "The circle's key (default `company`)") String circleKey,
      @Size(max = 200) String name, @Size(max = 2000) String purpose,
      @Size(max = 30) List<@NotBlank @Size(max = 300) String> accountabilities,
      @Size(max = 30) List<@NotBlank @Size(max = 300) String> domains) {}

  @Schema(name = "HolacracyRoleChange")
  record RoleChange(@Size(max = 64) @Schema(description = "Move it to this circle") String circleKey,
      @Size(min = 1, max = 200) String name, @Size(max = 2000) String purpose,
      @Size(max = 30) List<@NotBlank @Size(max = 300) String> accountabilities,
      @Size(max = 30) List<@NotBlank @Size(max = 300) String> domains) {}

  @Schema(name = "HolacracyAbsenceRequest")
  record AbsenceRequest(@NotNull OffsetDateTime from, @NotNull OffsetDateTime until,
      @Size(max = 64) @Schema(description = "Who takes the member's tasks meanwhile (default: back to the role)")
      String standIn, @Size(max = 500) String reason) {}

  @Schema(name = "HolacracyProfileChange")
  record ProfileRequest(@Size(min = 1, max = 200) String displayName,
      @Size(max = 20) List<@Pattern(regexp = "[a-z]{2}") String> languages,
      @Size(max = 50) List<@NotBlank @Size(max = 100) String> skills,
      @DecimalMin("0") @DecimalMax("168") BigDecimal weeklyCapacityHours,
      @Size(max = 50) @Schema(description = "One of the SLA business calendars") String calendarId,
      @Size(max = 100) @Schema(description = "Replaces the member's absences when given") List<@Valid @NotNull
          AbsenceRequest> absences) {}

  private final Structure structure;
  private final Assignments assignments;
  private final Members members;
  private final Overview overview;

  HolacracyController(Structure structure, Assignments assignments, Members members, Overview overview) {
    this.structure = structure;
    this.assignments = assignments;
    this.members = members;
    this.overview = overview;
  }

  @Operation(operationId = "holacracyOverview", summary = "Circles, roles, fillers, coverage gaps, open tensions by "
      + "circle and parked topics")
  @GetMapping("/overview")
  Overview.View overview() {
    return overview.overview();
  }

  @Operation(operationId = "listCircles", summary = "The circles with their roles, fillers and coverage")
  @GetMapping("/circles")
  List<Overview.CircleView> circles() {
    return overview.circles();
  }

  /** A role for a new BPMN task (its key is the task's candidate group); governance of the circle. */
  @Operation(operationId = "createRole", summary = "Add a role (the candidate group of a new BPMN task)",
      responses = {
          @ApiResponse(responseCode = "201", description = "Created, with its Camunda group", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "403", description = "Not the circle's lead link or the process owner"),
          @ApiResponse(responseCode = "404", description = "No such circle"),
          @ApiResponse(responseCode = "409", description = "The role exists already"),
          @ApiResponse(responseCode = "422", description = "The key is a declared group or template")})
  @PostMapping("/roles")
  ResponseEntity<Structure.Role> createRole(@Valid @RequestBody RoleRequest request) {
    Structure.Role role = structure.create(request.key(), new Structure.RoleChange(request.circleKey(),
        request.name(), request.purpose(), request.accountabilities(), request.domains()));
    return ResponseEntity.created(URI.create("/api/v1/crm/holacracy/roles/" + role.id())).body(role);
  }

  @Operation(operationId = "changeRole", summary = "Change a role's circle, name, purpose, accountabilities, domains",
      responses = {
          @ApiResponse(responseCode = "200", description = "Changed", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "403", description = "Not the circle's lead link or the process owner"),
          @ApiResponse(responseCode = "404", description = "No such role or circle")})
  @PatchMapping("/roles/{roleId}")
  Structure.Role changeRole(@PathVariable @Parameter(description = ROLE) String roleId,
      @Valid @RequestBody RoleChange request) {
    return structure.change(role(roleId).id(), new Structure.RoleChange(request.circleKey(), request.name(),
        request.purpose(), request.accountabilities(), request.domains()));
  }

  /** Fills a role: the member becomes a member of its Camunda group in the same transaction. */
  @Operation(operationId = "assignRole", summary = "Fill a role with a member (focus, from, until)",
      responses = {
          @ApiResponse(responseCode = "201", description = "Assigned; the member sees the role's tasks",
              useReturnTypeSchema = true),
          @ApiResponse(responseCode = "403", description = "Not the circle's lead link or the process owner"),
          @ApiResponse(responseCode = "404", description = "No such role"),
          @ApiResponse(responseCode = "409", description = "The member fills the role already for part of the period"),
          @ApiResponse(responseCode = "422", description = "No such user, or until is not after from")})
  @PostMapping("/roles/{roleId}/assign")
  ResponseEntity<Assignments.Assignment> assign(@PathVariable @Parameter(description = ROLE) String roleId,
      @Valid @RequestBody AssignRequest request) {
    Assignments.Assignment assignment = assignments.assign(role(roleId).id(), new Assignments.NewAssignment(
        request.userId(), request.focusPercent(), request.from(), request.until(), request.note()));
    return ResponseEntity.created(URI.create("/api/v1/crm/holacracy/roles/" + assignment.roleId() + "/assignments/"
        + assignment.id())).body(assignment);
  }

  /** Ends an assignment; the member leaves the group when it ends, their claimed tasks of the role go back to it. */
  @Operation(operationId = "endAssignment", summary = "End an assignment (now or at a date)",
      responses = {
          @ApiResponse(responseCode = "200", description = "Ended", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "403", description = "Not the circle's lead link or the process owner"),
          @ApiResponse(responseCode = "404", description = "No such role or assignment"),
          @ApiResponse(responseCode = "409", description = "The assignment has ended already"),
          @ApiResponse(responseCode = "422", description = "The role's last cover while it has open tasks (send "
              + "force = true), or until before the start")})
  @PatchMapping("/roles/{roleId}/assignments/{id}/end")
  Assignments.Assignment end(@PathVariable @Parameter(description = ROLE) String roleId,
      @PathVariable @Parameter(description = "The assignment's id") long id, @Valid @RequestBody EndRequest request) {
    return assignments.end(role(roleId).id(), id, request.until(), Boolean.TRUE.equals(request.force()),
        request.note());
  }

  @Operation(operationId = "getMemberProfile", summary = "Read a member's profile",
      responses = {
          @ApiResponse(responseCode = "200", description = "The profile", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "404", description = "No profile for this user")})
  @GetMapping("/members/{userId}/profile")
  Members.Profile profile(@PathVariable @Parameter(description = "The member (Camunda user id)") String userId) {
    return members.find(userId).orElseThrow(() -> new HolacracyFacts.MemberNotFound(userId));
  }

  /** The member themself, a lead link over their circles or the process owner; absences hand tasks on at once. */
  @Operation(operationId = "changeMemberProfile", summary = "Change a member's profile and absences",
      responses = {
          @ApiResponse(responseCode = "200", description = "Changed", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "403", description = "Not the member, a lead link over them or the process owner"),
          @ApiResponse(responseCode = "404", description = "No such user"),
          @ApiResponse(responseCode = "422", description = "Unknown calendar or stand-in, overlapping absences")})
  @PatchMapping("/members/{userId}/profile")
  Members.Profile changeProfile(@PathVariable @Parameter(description = "The member (Camunda user id)") String userId,
      @Valid @RequestBody ProfileRequest request) {
    return members.change(userId, new Members.ProfileChange(request.displayName(), request.languages(),
        request.skills(), request.weeklyCapacityHours(), request.calendarId(), request.absences() == null ? null
            : request.absences().stream().map(a -> new Members.NewAbsence(a.from(), a.until(), a.standIn(),
                a.reason())).toList()));
  }

  private Structure.Role role(String roleId) {
    if (roleId.matches("\\d{1,18}")) {
      return structure.role(Long.parseLong(roleId));
    }
    return structure.roleByKey(roleId).orElseThrow(() -> new HolacracyFacts.RoleNotFound(roleId));
  }
}
