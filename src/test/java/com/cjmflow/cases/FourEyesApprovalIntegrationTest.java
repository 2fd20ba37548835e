package com.cjmflow.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Four eyes at the level of the case process: a refund above the deployed routing table's auto-approval threshold,
 * requested by a member of the approver role, cannot be approved by that member — neither by completing the task in
 * the engine as Tasklist does (TaskService, authenticated) nor through the case API — and is approved by another
 * member of the role, after which it is paid out.
 */
class FourEyesApprovalIntegrationTest extends ApiTestSupport {

  private static final String KIND = "refund";
  private static final String TIER = "standard";

  @Autowired TaskService tasks;
  @Autowired IdentityService identity;

  @AfterEach
  void clearAuthentication() {
    identity.clearAuthentication();
  }

  @Test
  void theRequesterCannotApproveTheirOwnCaseAnotherApproverCan() {
    // given: the amount just above the deployed table's auto-approval threshold for a standard refund
    BigDecimal threshold = autoApprovalThreshold();
    BigDecimal amount = threshold.add(BigDecimal.ONE);
    Map<String, Object> routing = route(amount);
    assertThat(route(threshold).get("approvalRequired")).as("auto-approved at the threshold").isEqualTo(false);
    assertThat(routing.get("approvalRequired")).as("approval required above it").isEqualTo(true);
    String role = (String) routing.get("approverRole");
    String requester = member("foureyes-a", role);
    String approver = member("foureyes-b", role);

    // a refund case requested by a member of the approver role
    long orderId = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("four-eyes-process-1",
        false, false))).get("orderId").asLong();
    ResponseEntity<String> opened = call(requester, HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/cases",
        Map.of("kind", KIND, "amount", amount, "reason", "bike not as described", "refundMethod", "bank_transfer"));
    assertThat(opened.getStatusCode()).as(opened.getBody()).isEqualTo(HttpStatus.CREATED);
    JsonNode c = read(opened);
    long caseId = c.get("id").asLong();
    assertThat(c.get("approverRole").asText()).isEqualTo(role);
    String taskId = tasks.createTaskQuery().processInstanceId(c.get("processInstanceId").asText())
        .taskDefinitionKey("Task_ApproveCase").singleResult().getId();

    // when the requester completes the approval task in the engine, as Tasklist does
    tasks.setAssignee(taskId, requester);
    identity.setAuthentication(requester, List.of(role));
    Throwable inTasklist = catchThrowable(() -> tasks.complete(taskId, Variables.putValue("caseDecision", "approved")
        .putValue("decisionComment", "my own")));
    identity.clearAuthentication();

    // then it is refused for four eyes, and so is the API
    assertThat(causes(inTasklist)).hasAtLeastOneElementOfType(FourEyesRefused.class);
    ResponseEntity<String> api = call(requester, HttpMethod.POST, "/api/v1/crm/cases/" + caseId + "/decision",
        Map.of("decision", "approved", "comment", "my own"));
    assertThat(api.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(read(api).get("type").asText()).isEqualTo("urn:cjm:problem:forbidden");
    JsonNode waiting = read(call(approver, HttpMethod.GET, "/api/v1/crm/cases/" + caseId, null));
    assertThat(waiting.get("decision").isNull()).isTrue();
    assertThat(waiting.at("/request/status").asText()).isEqualTo("requested");
    assertThat(tasks.createTaskQuery().taskId(taskId).count()).isEqualTo(1);

    // when another member of the role approves in the engine, and the pay-out is recorded
    tasks.setAssignee(taskId, approver);
    identity.setAuthentication(approver, List.of(role));
    tasks.complete(taskId, Variables.putValue("caseDecision", "approved").putValue("decisionComment", "checked"));
    identity.clearAuthentication();
    ResponseEntity<String> settled = call(requester, HttpMethod.POST, "/api/v1/crm/cases/" + caseId + "/settlement",
        Map.of("reference", "REF-4EYES-1"));

    // then the case is approved by the other member and paid
    assertThat(settled.getStatusCode()).as(settled.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode paid = read(settled);
    assertThat(paid.get("decision").asText()).isEqualTo("approved");
    assertThat(paid.get("decidedBy").asText()).isEqualTo(approver);
    assertThat(paid.get("status").asText()).isEqualTo("resolved");
    assertThat(paid.at("/request/status").asText()).isEqualTo("paid");
    assertThat(new BigDecimal(jdbc.queryForObject("select amount from payments where order_id = ? and kind = 'refund'",
        String.class, orderId))).isEqualByComparingTo(amount);
  }

  /**
   * The largest amount the deployed {@code case-routing} table approves automatically for a standard refund: the
   * {@code <= n} of its first rule for the kind (any tier and reason) that needs no approval.
   */
  private BigDecimal autoApprovalThreshold() {
    String definition = engineRepository.createDecisionDefinitionQuery().decisionDefinitionKey("case-routing")
        .latestVersion().singleResult().getId();
    DmnModelInstance model = engineRepository.getDmnModelInstance(definition);
    DecisionTable table = model.getModelElementsByType(DecisionTable.class).iterator().next();
    List<String> inputs = table.getInputs().stream()
        .map((Input input) -> input.getInputExpression().getText().getTextContent().trim()).toList();
    List<String> outputs = table.getOutputs().stream().map(Output::getName).toList();
    for (Rule rule : table.getRules()) {
      List<String> in = new ArrayList<>(rule.getInputEntries().stream()
          .map((InputEntry entry) -> entry.getText().getTextContent().trim()).toList());
      List<String> out = rule.getOutputEntries().stream()
          .map((OutputEntry entry) -> entry.getText().getTextContent().trim()).toList();
      String amount = in.get(inputs.indexOf("amountEur"));
      if (in.get(inputs.indexOf("caseKind")).equals("\"" + KIND + "\"") && amount.startsWith("<=")
          && "false".equals(out.get(outputs.indexOf("approvalRequired")))) {
        return new BigDecimal(amount.substring(2).trim());
      }
    }
    throw new AssertionError("the deployed case-routing table approves no " + KIND + " automatically");
  }

  private Map<String, Object> route(BigDecimal amount) {
    return decisions.evaluateDecisionTableByKey("case-routing", Variables.putValue("caseKind", KIND)
        .putValue("amountEur", amount.doubleValue()).putValue("customerTier", TIER).putValue("reasonCode", null))
        .getFirstResult().getEntryMap();
  }

  /** A user of this test in the approver role (logs in with the id as password). */
  private String member(String id, String role) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setPassword(id);
      identity.saveUser(user);
      identity.createMembership(id, role);
    }
    return id;
  }

  private static List<Throwable> causes(Throwable thrown) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }
}
