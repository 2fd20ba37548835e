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

/** Put an order's current stage on hold ("waiting for the client") and resume it; the pause ledger. */
@RestController
class HoldController {

  private static final List<String> MANAGERS = List.of("sales-managers", "head-of-sales");

  record HoldRequest(@NotBlank @Size(max = 2000) String reason) {}

  private final StageHolds holds;
  private final CurrentUser currentUser;

  HoldController(StageHolds holds, CurrentUser currentUser) {
    this.holds = holds;
    this.currentUser = currentUser;
  }

  @PostMapping("/api/v1/crm/orders/{orderId}/hold")
  @ResponseStatus(HttpStatus.CREATED)
  StageHolds.Pause hold(@PathVariable long orderId, @Valid @RequestBody HoldRequest request) {
    return holds.hold(existing(orderId), request.reason(), manager());
  }

  @PostMapping("/api/v1/crm/orders/{orderId}/hold/resume")
  StageHolds.Pause resume(@PathVariable long orderId) {
    return holds.resume(existing(orderId), manager());
  }

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
    String user = currentUser.id().orElseThrow();
    if (!currentUser.isMemberOfAny(user, MANAGERS)) {
      throw ApiProblems.forbidden("Only managers put orders on hold");
    }
    return user;
  }
}
