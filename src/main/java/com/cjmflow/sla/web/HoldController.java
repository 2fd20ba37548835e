package com.cjmflow.sla.web;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.platform.ApiProblems;
import com.cjmflow.platform.CurrentUser;
import com.cjmflow.sla.StageHolds;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Put an order's current stage on hold ("waiting for the client") and resume it; the pause ledger. */
@Tag(name = "Holds", description = "Stopping and restarting the SLA clock of an order's current stage")
@RestController
class HoldController {

  record HoldRequest(@NotBlank @Size(max = 2000) String reason) {}

  private final StageHolds holds;
  private final CurrentUser currentUser;

  HoldController(StageHolds holds, CurrentUser currentUser) {
    this.holds = holds;
    this.currentUser = currentUser;
  }

  @Operation(operationId = "holdOrder", summary = "Put the order's current stage on hold",
      description = "Stops the stage's SLA clock: the business time left is kept in the pause ledger and the "
          + "stage's SLA timers are suspended. Managers only.",
      responses = {
          @ApiResponse(responseCode = "201", description = "On hold: the open pause", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "409",
              description = "The order is on hold already, or its current stage has no running SLA clock")})
  @PostMapping("/api/v1/crm/orders/{orderId}/hold")
  @ResponseStatus(HttpStatus.CREATED)
  StageHolds.Pause hold(@PathVariable long orderId, @Valid @RequestBody HoldRequest request) {
    return holds.hold(existing(orderId), request.reason(), manager());
  }

  @Operation(operationId = "resumeOrder", summary = "Resume the order's stage from hold",
      description = "Moves every SLA timer, the stage's due date and the task due date by the paused time, in the "
          + "stage's calendar. Managers only.",
      responses = {
          @ApiResponse(responseCode = "200", description = "Resumed: the closed pause", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "409", description = "The order is not on hold")})
  @PostMapping("/api/v1/crm/orders/{orderId}/hold/resume")
  StageHolds.Pause resume(@PathVariable long orderId) {
    return holds.resume(existing(orderId), manager());
  }

  @Operation(operationId = "listPauses", summary = "The order's pause ledger")
  @GetMapping("/api/v1/crm/orders/{orderId}/pauses")
  List<StageHolds.Pause> pauses(@PathVariable long orderId) {
    return holds.pauses(existing(orderId));
  }

  private long existing(long orderId) {
    if (!holds.orderExists(orderId)) {
      throw ApiProblems.notFound("Order", orderId);
    }
    return orderId;
  }

  private String manager() {
    return currentUser.id().orElseThrow();
  }
}
