package com.cjmflow.cases.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.cases.OrderCase;
import com.cjmflow.cases.OrderCases;
import com.cjmflow.platform.CurrentUser;
import com.cjmflow.platform.DomainException;
import com.cjmflow.platform.Page;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Order cases (refund, compensation, damage, delay, other): opening one starts its process; the head of sales sees
 * every open branch with its money, approver and SLA. Deciding and settling complete the same tasks Tasklist shows.
 */
@Tag(name = "Cases", description = "Refund, compensation, damage and delay cases of orders, with routing, four-eyes "
    + "approval and SLA")
@RestController
@RequestMapping("/api/v1/crm")
@Validated
class CaseController {

  static final String KINDS = "refund|compensation|damage|delay|other";
  static final String STATUSES = "open|resolved|rejected";

  @Schema(name = "CaseOpening")
  record OpenRequest(@NotNull @Pattern(regexp = KINDS) String kind,
      @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal amount,
      @Pattern(regexp = "[A-Z]{3}") String currency,
      @Size(max = 60) @Pattern(regexp = "[a-z][a-z0-9_]*") String reasonCode,
      @NotBlank @Size(max = 4000) String reason,
      @Pattern(regexp = "bank_transfer|card|cash") String refundMethod,
      @Pattern(regexp = "api|complaint") String origin) {}

  @Schema(name = "CaseDecision")
  record DecisionRequest(@NotNull @Pattern(regexp = "approved|rejected") String decision,
      @NotBlank @Size(max = 4000) String comment) {}

  @Schema(name = "CaseSettlement")
  record SettlementRequest(@NotBlank @Size(max = 200) String reference, @Pattern(regexp = "[A-Z]{3}") String currency) {}

  @Schema(name = "CaseClientInformed")
  record ClientInformedRequest(@NotNull @Pattern(regexp = "phone|email|whatsapp|telegram|vk|web|other") String channel,
      @NotBlank @Size(max = 4000) String message) {}

  @Schema(name = "CasesPage")
  record CasePage(java.util.List<OrderCase> items, int page, int size, long total) {}

  private final OrderCases cases;
  private final CurrentUser currentUser;

  CaseController(OrderCases cases, CurrentUser currentUser) {
    this.cases = cases;
    this.currentUser = currentUser;
  }

  @Operation(operationId = "openOrderCase", summary = "Open a case on an order (starts its case process)",
      responses = {
          @ApiResponse(responseCode = "201", description = "Opened; routed by the case-routing table",
              useReturnTypeSchema = true),
          @ApiResponse(responseCode = "404", description = "Unknown order"),
          @ApiResponse(responseCode = "422", description = "The case breaks a rule")})
  @PostMapping("/orders/{orderId}/cases")
  ResponseEntity<OrderCase> open(@PathVariable @Parameter(description = "The order the case is about") long orderId,
      @Valid @RequestBody OpenRequest request) {
    OrderCase opened = cases.open(new OrderCases.Opening(orderId, request.kind(), request.amount(),
        request.currency() == null ? "EUR" : request.currency(), request.reasonCode(), request.reason().trim(),
        request.refundMethod(), request.origin() == null ? "api" : request.origin()), currentUser.id().orElse(null));
    return ResponseEntity.created(URI.create("/api/v1/crm/cases/" + opened.id())).body(opened);
  }

  @Operation(operationId = "listOrderCases", summary = "List cases with their money, approver, step and SLA "
      + "(newest first, paged)")
  @GetMapping("/cases")
  CasePage list(
      @RequestParam(required = false) @Pattern(regexp = STATUSES) @Parameter(description = "Only cases in this status (open, resolved, rejected)") String status,
      @RequestParam(required = false) @Pattern(regexp = KINDS) @Parameter(description = "Only cases of this kind") String kind,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Parameter(description = "Opened at or after (ISO-8601 with offset)") OffsetDateTime from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Parameter(description = "Opened before (ISO-8601 with offset)") OffsetDateTime to,
      @RequestParam(required = false) @Size(max = 64) @Parameter(description = "Only cases this manager is accountable for or whose order they manage") String managerId,
      @RequestParam(required = false) @Min(1) @Parameter(description = "Only cases of this order") Long orderId,
      @RequestParam(defaultValue = "0") @Min(0) @Parameter(description = "Page number, 0-based") int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(200) @Parameter(description = "Page size") int size) {
    if (from != null && to != null && from.isAfter(to)) {
      throw new DomainException.Invalid("invalid-parameter", "from must not be after to");
    }
    Page<OrderCase> result = cases.list(status, kind, from, to, managerId, orderId, page, size);
    return new CasePage(result.items(), result.page(), result.size(), result.total());
  }

  @Operation(operationId = "getOrderCase", summary = "Read one case",
      responses = {@ApiResponse(responseCode = "200", description = "The case", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "404", description = "Unknown case")})
  @GetMapping("/cases/{caseId}")
  OrderCase get(@PathVariable @Parameter(description = "The case") long caseId) {
    return cases.get(caseId);
  }

  @Operation(operationId = "decideOrderCase", summary = "Approve or reject a case waiting for approval (four eyes)",
      responses = {@ApiResponse(responseCode = "200", description = "Decided", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "403", description = "The requester, or a user without the approver role"),
          @ApiResponse(responseCode = "404", description = "Unknown case"),
          @ApiResponse(responseCode = "409", description = "The case does not wait for approval")})
  @PostMapping("/cases/{caseId}/decision")
  OrderCase decide(@PathVariable @Parameter(description = "The case") long caseId,
      @Valid @RequestBody DecisionRequest request) {
    return cases.decide(caseId, "approved".equals(request.decision()), request.comment().trim());
  }

  @Operation(operationId = "settleOrderCase", summary = "Record the pay-out of an approved case (payment reference "
      + "or voucher code)",
      responses = {@ApiResponse(responseCode = "200", description = "Settled and closed", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "404", description = "Unknown case"),
          @ApiResponse(responseCode = "409", description = "The case does not wait for its settlement")})
  @PostMapping("/cases/{caseId}/settlement")
  OrderCase settle(@PathVariable @Parameter(description = "The case") long caseId,
      @Valid @RequestBody SettlementRequest request) {
    return cases.settle(caseId, request.reference().trim(), request.currency() == null ? "EUR" : request.currency());
  }

  @Operation(operationId = "orderCaseClientInformed", summary = "Record that the client was told of the rejection",
      responses = {@ApiResponse(responseCode = "200", description = "Recorded and closed", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "404", description = "Unknown case"),
          @ApiResponse(responseCode = "409", description = "The case does not wait for this")})
  @PostMapping("/cases/{caseId}/client-informed")
  OrderCase clientInformed(@PathVariable @Parameter(description = "The case") long caseId,
      @Valid @RequestBody ClientInformedRequest request) {
    return cases.clientInformed(caseId, request.channel(), request.message().trim());
  }
}
