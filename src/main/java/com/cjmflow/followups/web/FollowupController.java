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

/** Follow-ups (seed 000 §8): create for an order, complete with an outcome, read. */
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
  @PatchMapping("/api/v1/crm/followups/{followupId}/complete")
  Followups.Followup complete(@PathVariable long followupId, @Valid @RequestBody CompletionRequest request) {
    return followups.complete(followupId, request.outcome());
  }

  @GetMapping("/api/v1/crm/followups/{followupId}")
  Followups.Followup get(@PathVariable long followupId) {
    return followups.find(followupId).orElseThrow(() -> ApiProblems.notFound("Follow-up", followupId));
  }

  /** Follow-ups, soonest due first; filters are optional. */
  @GetMapping("/api/v1/crm/followups")
  Page<Followups.Followup> list(@RequestParam(required = false) String managerId, @RequestParam(required = false) Long orderId,
      @RequestParam(required = false) @Pattern(regexp = "open|completed|cancelled") String status,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    return followups.list(managerId, orderId, status, page, size);
  }
}
