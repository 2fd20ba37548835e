package com.cjmflow.cases;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A case on an order as the head of sales sees it: its money, its routing (approver, settlement), its decision, the
 * case's own resolution SLA and the SLA of the step it waits in, and its refund or compensation request;
 * {@code sourceTouchpointId} is the client's complaint that opened it.
 */
@Schema(name = "OrderCase")
public record OrderCase(long id, long orderId, String kind, String status, String origin, String reasonCode,
    String summary, BigDecimal amount, String currency, String customerTier, boolean approvalRequired,
    String approverRole, String settlement, String decision, String decidedBy, OffsetDateTime decidedAt,
    String decisionComment, String resolution, String resolvedBy, String openedBy, OffsetDateTime openedAt,
    OffsetDateTime closedAt, Sla sla, Step currentStep, String accountableManagerId, String problemStage,
    String orderManagerId, Request request, String processInstanceId, Long sourceTouchpointId) {

  /** The case's resolution budget (routing table) in its calendar; {@code overdue} when it ran out. */
  @Schema(name = "OrderCaseSla")
  public record Sla(OffsetDateTime dueAt, String calendar, String clockOwner, boolean overdue) {}

  /** The step (a stage of the case process) the case waits in, with its own SLA. */
  @Schema(name = "OrderCaseStep")
  public record Step(String stage, OffsetDateTime enteredAt, OffsetDateTime slaDueAt, boolean slaBreached,
      String clockOwner) {}

  /** The refund or compensation request of the case: requested → approved → paid, or rejected. */
  @Schema(name = "OrderCaseRequest")
  public record Request(long id, String type, String status, BigDecimal amount, String currency, String settlement,
      String reference, Long paymentId, String requestedBy, OffsetDateTime createdAt, String decidedBy,
      OffsetDateTime decidedAt, String paidBy, OffsetDateTime paidAt) {}
}
