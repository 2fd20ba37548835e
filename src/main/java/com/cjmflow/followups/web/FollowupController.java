package com.cjmflow.followups.web;

import java.net.URI;
import java.time.OffsetDateTime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.followups.Followups;
import com.cjmflow.orderflow.Orders;
import com.cjmflow.platform.ApiProblems;
import com.cjmflow.platform.CurrentUser;
import com.cjmflow.platform.Page;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Follow-ups (seed 000 §8): create for an order, complete with an outcome, read. */
@Tag(name = "Follow-ups", description = "Planned next steps of a manager on an order: user tasks in Tasklist")
@RestController
class FollowupController {

  record FollowupRequest(@NotBlank @Size(max = 300) String subject, @NotNull OffsetDateTime dueAt,
      OffsetDateTime followUpAt, @Size(max = 64) String managerId) {}

  record CompletionRequest(@NotBlank @Size(max = 2000) String outcome) {}

  private final Followups followups;
  private final Orders orders;
  private final CurrentUser currentUser;

  FollowupController(Followups followups, Orders orders, CurrentUser currentUser) {
    this.followups = followups;
    this.orders = orders;
    this.currentUser = currentUser;
  }

  /** Plans a follow-up on an order; it appears in Tasklist for its manager (default: the caller). */
  @Operation(operationId = "createFollowup", summary = "Plan a follow-up on an order",
      responses = {
          @ApiResponse(responseCode = "201", description = "Planned: a task of the manager in Tasklist",
              useReturnTypeSchema = true),
          @ApiResponse(responseCode = "422",
              description = "`followUpAt` is after `dueAt`, or `managerId` is not a manager")})
  @PostMapping("/api/v1/crm/orders/{orderId}/followups")
  ResponseEntity<Followups.Followup> create(@PathVariable long orderId, @Valid @RequestBody FollowupRequest request) {
    orders.find(orderId).orElseThrow(() -> ApiProblems.notFound("Order", orderId));
    if (request.followUpAt() != null && request.followUpAt().isAfter(request.dueAt())) {
      throw ApiProblems.unprocessable("followUpAt must not be after dueAt");
    }
    String caller = currentUser.id().orElseThrow();
    String manager = request.managerId() == null ? caller : request.managerId();
    if (!currentUser.isMemberOfAny(manager, java.util.List.of("sales-managers", "head-of-sales"))) {
      throw ApiProblems.unprocessable(manager + " is not a manager");
    }
    Followups.Followup created = followups.create(new Followups.NewFollowup(orderId, request.subject(),
        request.dueAt(), request.followUpAt(), manager, caller, "manager"));
    return ResponseEntity.created(URI.create("/api/v1/crm/followups/" + created.id())).body(created);
  }

  /** Completes the follow-up's task with an outcome, as Tasklist would. */
  @Operation(operationId = "completeFollowup", summary = "Complete a follow-up with its outcome",
      responses = {
          @ApiResponse(responseCode = "200", description = "Completed, on time or late", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "409", description = "The follow-up is not open any more")})
  @PatchMapping("/api/v1/crm/followups/{followupId}/complete")
  Followups.Followup complete(@PathVariable long followupId, @Valid @RequestBody CompletionRequest request) {
    return followups.complete(followupId, request.outcome());
  }

  @Operation(operationId = "getFollowup", summary = "Read one follow-up")
  @GetMapping("/api/v1/crm/followups/{followupId}")
  Followups.Followup get(@PathVariable long followupId) {
    return followups.find(followupId).orElseThrow(() -> ApiProblems.notFound("Follow-up", followupId));
  }

  /** Follow-ups, soonest due first; filters are optional. */
  @Operation(operationId = "listFollowups", summary = "List follow-ups, soonest due first")
  @GetMapping("/api/v1/crm/followups")
  Page<Followups.Followup> list(@RequestParam(required = false) @Parameter(description = "Only this manager's")
      String managerId,
      @RequestParam(required = false) @Parameter(description = "Only this order's") Long orderId,
      @RequestParam(required = false) @Parameter(description = "Only follow-ups in this status")
      @Pattern(regexp = "open|completed|cancelled") String status,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    return followups.list(managerId, orderId, status, page, size);
  }
}
