package com.cjmflow.cases;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.cjmflow.cases.process.CaseVariables;
import com.cjmflow.orderflow.OrderNotFound;
import com.cjmflow.platform.AsSystem;
import com.cjmflow.platform.CurrentUser;
import com.cjmflow.platform.DomainException;
import com.cjmflow.platform.Page;

/**
 * The case process's facade: opening a case starts {@code order-case}; deciding, settling and informing the client
 * complete the case's tasks with the same variables a Tasklist form submits, so both paths write the same rows (the
 * case process's delegates write them). Endpoint rights are decided by {@code security/roles.yaml}; the engine calls
 * then run in the caller's name with the engine's admin rights ({@link AsSystem#onBehalfOfCaller}).
 */
@Service
public class OrderCases {

  public static final Set<String> KINDS = Set.of("refund", "compensation", "damage", "delay", "other");

  /** Origin of a case a client's complaint opened. */
  public static final String COMPLAINT = "complaint";

  /** A case to open on an order; {@code sourceTouchpointId} is the complaint it answers (null: none). */
  public record Opening(long orderId, String kind, BigDecimal amount, String currency, String reasonCode,
      String reason, String refundMethod, String origin, Long sourceTouchpointId) {

    /** A case no complaint asked for. */
    public Opening(long orderId, String kind, BigDecimal amount, String currency, String reasonCode, String reason,
        String refundMethod, String origin) {
      this(orderId, kind, amount, currency, reasonCode, reason, refundMethod, origin, null);
    }
  }

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final CaseRecords records;
  private final CaseQueries queries;
  private final AsSystem asSystem;
  private final CurrentUser currentUser;
  private final TransactionTemplate transaction;

  OrderCases(RuntimeService runtime, TaskService tasks, CaseRecords records, CaseQueries queries, AsSystem asSystem,
      CurrentUser currentUser, TransactionTemplate transaction) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.records = records;
    this.queries = queries;
    this.asSystem = asSystem;
    this.currentUser = currentUser;
    this.transaction = transaction;
  }

  /** Opens a case (404 unknown order, 422 unknown kind); the case process runs to its first step in this call. */
  public OrderCase open(Opening opening, String requestedBy) {
    if (!KINDS.contains(opening.kind())) {
      throw new DomainException.RuleViolation("Case kind must be one of " + KINDS);
    }
    records.order(opening.orderId()).orElseThrow(() -> new OrderNotFound(opening.orderId()));
    long caseId = engine(() -> transaction.execute(status -> {
      Object id = runtime.createProcessInstanceByKey(CaseVariables.PROCESS_KEY)
          .businessKey(String.valueOf(opening.orderId()))
          .setVariables(startVariables(opening, requestedBy))
          .executeWithVariablesInReturn().getVariables().get(CaseVariables.CASE_ID);
      return ((Number) id).longValue();
    }));
    return get(caseId);
  }

  /** Opens a case from another process's step (the order flow's refund after cancellation), in its command. */
  public void openFromProcess(RuntimeService engineRuntime, Opening opening, String requestedBy) {
    engineRuntime.createProcessInstanceByKey(CaseVariables.PROCESS_KEY)
        .businessKey(String.valueOf(opening.orderId()))
        .setVariables(startVariables(opening, requestedBy)).execute();
  }

  private static VariableMap startVariables(Opening opening, String requestedBy) {
    return Variables.createVariables()
        .putValue(CaseVariables.ORDER_ID, opening.orderId())
        .putValue(CaseVariables.CASE_KIND, opening.kind())
        .putValue(CaseVariables.AMOUNT_EUR, opening.amount() == null ? null : opening.amount().toPlainString())
        .putValue(CaseVariables.CURRENCY, opening.currency() == null ? "EUR" : opening.currency())
        .putValue(CaseVariables.REASON_CODE, opening.reasonCode())
        .putValue(CaseVariables.REASON, opening.reason())
        .putValue(CaseVariables.REFUND_METHOD, opening.refundMethod())
        .putValue(CaseVariables.ORIGIN, opening.origin())
        .putValue(CaseVariables.REQUESTED_BY, requestedBy)
        .putValue(CaseVariables.SOURCE_TOUCHPOINT_ID, opening.sourceTouchpointId());
  }

  /** The case a complaint (an inbound touchpoint) opened. */
  public Optional<OrderCase> ofComplaint(long touchpointId) {
    return queries.ofComplaint(touchpointId);
  }

  public OrderCase get(long caseId) {
    return queries.find(caseId).orElseThrow(() -> new CaseNotFound(caseId));
  }

  public List<OrderCase> ofOrder(long orderId) {
    return queries.ofOrder(orderId);
  }

  /** The case list: filters optional, newest first. */
  public Page<OrderCase> list(String status, String kind, java.time.OffsetDateTime from, java.time.OffsetDateTime to,
      String managerId, Long orderId, int page, int size) {
    return queries.list(new CaseQueries.Query(status, kind, from, to, managerId, orderId, page, size));
  }

  /**
   * Approves or rejects a case waiting for approval: 409 when it is not, 403 for the requester (four eyes) and for
   * a user without the approver role the routing table named.
   */
  public OrderCase decide(long caseId, boolean approve, String comment) {
    OrderCase c = get(caseId);
    String user = currentUser.id().orElse(null);
    Task task = openTask(c, CaseVariables.TASK_APPROVE, "waiting for approval");
    if (user != null && user.equals(c.openedBy())) {
      throw new FourEyesRefused(caseId, user);
    }
    if (user != null && c.approverRole() != null && !currentUser.groups().contains(c.approverRole())) {
      throw new DomainException.NotAllowed("Case " + caseId + " is approved by the role " + c.approverRole());
    }
    complete(task, Map.of(CaseVariables.CASE_DECISION, approve ? "approved" : CaseRecords.REJECTED,
        CaseVariables.DECISION_COMMENT, comment));
    return get(caseId);
  }

  /** Records the pay-out (payment reference or voucher code) of an approved case: 409 when it does not wait for it. */
  public OrderCase settle(long caseId, String reference, String currency) {
    OrderCase c = get(caseId);
    complete(openTask(c, CaseVariables.TASK_SETTLE, "waiting for its settlement"),
        Map.of(CaseVariables.SETTLEMENT_REFERENCE, reference, CaseVariables.SETTLEMENT_CURRENCY, currency));
    return get(caseId);
  }

  /** Records that the client was told of the rejection (an outbound touchpoint): 409 when it does not wait for it. */
  public OrderCase clientInformed(long caseId, String channel, String message) {
    OrderCase c = get(caseId);
    complete(openTask(c, CaseVariables.TASK_INFORM_CLIENT, "waiting for the client to be informed"),
        Map.of(CaseVariables.REJECTION_CHANNEL, channel, CaseVariables.REJECTION_MESSAGE, message));
    return get(caseId);
  }

  private Task openTask(OrderCase c, String activityId, String state) {
    Task task = c.processInstanceId() == null ? null : asSystem.call(() -> tasks.createTaskQuery()
        .processInstanceId(c.processInstanceId()).taskDefinitionKey(activityId).singleResult());
    if (task == null) {
      throw new DomainException.StateConflict("Case " + c.id() + " is not " + state + " (status " + c.status()
          + (c.currentStep() == null ? "" : ", step " + c.currentStep().stage()) + ")");
    }
    return task;
  }

  private void complete(Task task, Map<String, Object> variables) {
    engine(() -> {
      tasks.complete(task.getId(), variables);
      return null;
    });
  }

  /** Engine work in the caller's name; a fact a listener or delegate raised comes out as itself. */
  private <T> T engine(java.util.function.Supplier<T> work) {
    try {
      return asSystem.onBehalfOfCaller(work);
    } catch (ProcessEngineException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
        if (cause instanceof DomainException fact) {
          throw fact;
        }
      }
      throw e;
    }
  }
}
