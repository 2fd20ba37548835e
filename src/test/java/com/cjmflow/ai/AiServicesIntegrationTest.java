package com.cjmflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.cjmflow.cases.OrderCases;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The four AI endpoints on seeded orders, with the local writer (no chat model in the shared context): drafts cite the
 * order's facts, summaries link the interactions they rest on, next best actions follow the live state (an open
 * case by its SLA), retrieval finds what was just recorded; every call is logged with its events and takes feedback
 * once, and the manager's scorecard shows how many suggestions they used.
 */
class AiServicesIntegrationTest extends ApiTestSupport {

  @org.springframework.beans.factory.annotation.Autowired com.cjmflow.platform.DisplayNames names;

  private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);

  private record Booked(long orderId, String processInstanceId, long customerId) {}

  private Booked book(String externalId, boolean reserve) {
    JsonNode booked = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking(externalId, reserve,
        false)));
    long orderId = booked.get("orderId").asLong();
    return new Booked(orderId, booked.get("processInstanceId").asText(),
        jdbc.queryForObject("select customer_id from orders where id = ?", Long.class, orderId));
  }

  private JsonNode ok(String user, String path, Object body) {
    ResponseEntity<String> response = call(user, HttpMethod.POST, path, body);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return read(response);
  }

  @Test
  void theDraftCitesTheFactsOfThatOrderInTheCustomersLanguage() {
    // given an order waiting for the client's reserve payment (the client's clock runs, due by the stage SLA)
    Booked order = book("ai-email-1", true);
    work("anna", order.processInstanceId(), "Task_ConfirmBooking", Map.of("reserveRequired", true));
    String due = jdbc.queryForObject("select sla_due_at from crm_order_stage_instances where order_id = ? and "
        + "left_at is null", OffsetDateTime.class, order.orderId())
        .atZoneSameInstant(java.time.ZoneId.of("Europe/Moscow")).format(java.time.format.DateTimeFormatter
            .ofPattern("dd.MM.yyyy"));

    // when anna asks for a payment reminder (Russian by default)
    JsonNode draft = ok("anna", "/ai/crm/compose-email", Map.of("orderId", order.orderId(),
        "intent", "payment reminder"));

    // then it is the local writer's formal Russian draft with the order's own facts
    assertThat(draft.get("generator").asText()).isEqualTo(EmailComposer.LOCAL);
    assertThat(draft.get("language").asText()).isEqualTo("ru");
    assertThat(draft.get("subject").asText()).contains("ai-email-1");
    assertThat(draft.get("body").asText()).contains("Уважаемый(ая) Ivan Petrov", "ai-email-1",
        "Canyon Ultimate CF SL 2022", "1850.00 EUR", "оплата резерва", due);
    assertThat(draft.get("facts").findValuesAsText("name")).contains("order.externalId", "order.bike",
        "order.price", "stage.slaDueAt", "stage.current");
    assertThat(draft.get("guardrails")).isNotEmpty();
    assertThat(draft.get("requestId").asText()).hasSize(36);

    // and in English when asked
    JsonNode english = ok("anna", "/ai/crm/compose-email", Map.of("orderId", order.orderId(),
        "intent", "payment_reminder", "language", "en"));
    assertThat(english.get("body").asText()).contains("Dear Ivan Petrov", "reserve payment", "ai-email-1");

    // and the call is logged with its two events, in one transaction
    String requestId = draft.get("requestId").asText();
    assertThat(jdbc.queryForObject("select generator from crm_ai_requests where request_id = ?", String.class,
        requestId)).isEqualTo(EmailComposer.LOCAL);
    assertThat(jdbc.queryForList("select event_type from crm_event_outbox where data like ? order by id",
        String.class, "%" + requestId + "%")).containsExactly("crm.ai.requested", "crm.ai.response-logged");
  }

  @Test
  void badInputIsAProblemAndNothingIsLogged() {
    Booked order = book("ai-email-bad-1", false);
    long before = count("crm_ai_requests");
    assertThat(call("anna", HttpMethod.POST, "/ai/crm/compose-email", Map.of("orderId", order.orderId(),
        "intent", "love letter")).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(call("anna", HttpMethod.POST, "/ai/crm/compose-email", Map.of("intent", "payment_reminder"))
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(call("anna", HttpMethod.POST, "/ai/crm/compose-email", Map.of("orderId", 987654321,
        "intent", "payment_reminder")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(call("anna", HttpMethod.POST, "/ai/crm/compose-email", Map.of("orderId", order.orderId(),
        "customerId", order.customerId() + 100000, "intent", "status_update")).getStatusCode())
        .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(call("anna", HttpMethod.POST, "/ai/crm/rag/search", Map.of("query", "x", "mode", "magic"))
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(call("anna", HttpMethod.POST, "/ai/crm/rag/search", Map.of("query", "x", "sources",
        List.of("gossip"))).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(call("egor", HttpMethod.POST, "/ai/crm/compose-email", Map.of("orderId", order.orderId(),
        "intent", "status_update")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call(null, HttpMethod.POST, "/ai/crm/rag/search", Map.of("query", "x")).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(count("crm_ai_requests")).isEqualTo(before);
  }

  @Test
  void theSummaryLinksTheInteractionsWithOpenQuestionsAndPromisesAndMasksPersonalData() {
    Booked order = book("ai-thread-1", false);
    long question = touchpoint("anna", order.orderId(), "inbound", "Добрый день. Когда будет готов отчёт о проверке? "
        + "Мой новый номер +7 912 345-67-89.", NOW.minusHours(3));
    touchpoint("anna", order.orderId(), "outbound", "Здравствуйте! Мы проверяем велосипед у продавца. "
        + "Отчёт пришлём завтра до обеда.", NOW.minusHours(2));
    long open = touchpoint("anna", order.orderId(), "inbound", "А можно ещё фото заднего переключателя?",
        NOW.minusHours(1));

    JsonNode summary = ok("anna", "/ai/crm/summarize-thread", Map.of("orderId", order.orderId()));

    assertThat(summary.get("generator").asText()).isEqualTo(ThreadSummarizer.LOCAL);
    assertThat(summary.get("summary").asText()).isNotBlank().doesNotContain("345-67-89");
    assertThat(summary.get("interactions").findValuesAsText("touchpointId"))
        .contains(String.valueOf(question), String.valueOf(open));
    assertThat(summary.get("openQuestions").findValuesAsText("touchpointId")).contains(String.valueOf(open));
    assertThat(summary.get("promisedNextSteps").findValuesAsText("text"))
        .anyMatch(text -> text.contains("пришлём завтра"));
    assertThat(summary.toString()).doesNotContain("345-67-89");

    // the thread of one interaction is its order's thread
    JsonNode byInteraction = ok("galina", "/ai/crm/summarize-thread", Map.of("interactionId", open));
    assertThat(byInteraction.get("interactions")).hasSize(summary.get("interactions").size());
  }

  @Test
  void nextBestActionsFollowTheLiveStateAndTheDecisionTable() {
    Booked order = book("ai-nba-1", false);
    String confirm = jdbc.queryForObject("select task_id from tasks where order_id = ? and completed_at is null",
        String.class, order.orderId());

    JsonNode first = ok("galina", "/ai/crm/next-best-actions", Map.of("orderId", order.orderId()));
    assertThat(refs(first)).contains("task:" + confirm);
    JsonNode task = action(first, "task:" + confirm);
    assertThat(task.get("kind").asText()).isEqualTo("complete_task");
    assertThat(task.at("/call/path").asText()).isEqualTo("/engine-rest/task/" + confirm + "/submit-form");
    assertThat(task.get("deadline").isNull()).isFalse();
    assertPriorityFromTheTable(task);
    assertThat(first.get("decision").asText()).startsWith("next-best-actions v");

    // a client message opens a reply window: answering it comes first
    long message = touchpoint("anna", order.orderId(), "inbound", "Any news about my bike?", NOW.minusMinutes(5));
    JsonNode second = ok("anna", "/ai/crm/next-best-actions", Map.of("orderId", order.orderId()));
    JsonNode reply = action(second, "touchpoint:" + message);
    assertPriorityFromTheTable(reply);
    assertThat(reply.get("title").asText()).as("in the company's language")
        .startsWith(names.phrase("nba.answer", Map.of("channel", names.channel("whatsapp"), "subject", "")));
    List<Integer> priorities = new ArrayList<>();
    second.get("actions").forEach(a -> priorities.add(a.get("priority").asInt()));
    assertThat(priorities).isSortedAccordingTo(java.util.Comparator.reverseOrder());

    // completing the task makes its action disappear
    work("anna", order.processInstanceId(), "Task_ConfirmBooking", Map.of("reserveRequired", false));
    JsonNode third = ok("anna", "/ai/crm/next-best-actions", Map.of("orderId", order.orderId()));
    assertThat(refs(third)).doesNotContain("task:" + confirm).contains("touchpoint:" + message);

    // a sales manager sees only their own list; the head of sales anyone's
    assertThat(ok("anna", "/ai/crm/next-best-actions", Map.of()).get("actions")).isNotNull();
    assertThat(call("boris", HttpMethod.POST, "/ai/crm/next-best-actions", Map.of("managerId", "anna"))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(refs(ok("galina", "/ai/crm/next-best-actions", Map.of("managerId", "anna"))))
        .contains("touchpoint:" + message);
    assertThat(call("galina", HttpMethod.POST, "/ai/crm/next-best-actions", Map.of("orderId", 987654321))
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void anOpenCaseIsAnActionDueAtItsSlaCarriedOutByItsStepsTaskAndRankedByTheTable() {
    // given an order with a case the deployed routing table sends to approval
    Booked order = book("ai-nba-case-1", false);
    String kind = kindNeedingApproval();
    Map<String, Object> opening = new HashMap<>(Map.of("kind", kind, "amount", 1000, "reason", "Рама повреждена"));
    if ("refund".equals(kind)) {
      opening.put("refundMethod", "bank_transfer");
    }
    ResponseEntity<String> opened = call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + order.orderId() + "/cases",
        opening);
    assertThat(opened.getStatusCode()).as(opened.getBody()).isEqualTo(HttpStatus.CREATED);
    long caseId = read(opened).get("id").asLong();
    String ref = "case:" + caseId;
    JsonNode theCase = read(call("galina", HttpMethod.GET, "/api/v1/crm/cases/" + caseId, null));
    OffsetDateTime due = earliest(theCase.at("/currentStep/slaDueAt"), theCase.at("/sla/dueAt"));
    String step = openTask(theCase.get("processInstanceId").asText());

    // when the head of sales asks for the order's next best actions
    JsonNode first = ok("galina", "/ai/crm/next-best-actions", Map.of("orderId", order.orderId()));

    // then the case is one action: due at the earlier of its step's and its own SLA, carried out by the step's task
    JsonNode action = action(first, ref);
    assertThat(action.get("kind").asText()).isEqualTo("resolve_case");
    assertThat(action.get("title").asText()).startsWith(names.phrase("nba.resolve-case", Map.of("kind",
        names.phrase("nba.case." + kind, Map.of()), "summary", "", "step", "")));
    assertThat(OffsetDateTime.parse(action.get("deadline").asText()).toInstant()).isEqualTo(due.toInstant());
    assertThat(action.at("/call/path").asText()).isEqualTo("/engine-rest/task/" + step + "/submit-form");
    assertThat(action.at("/call/note").asText()).contains("/api/v1/crm/cases/" + caseId + "/decision");
    assertThat(refs(first)).doesNotContain("task:" + step);
    assertPriorityFromTheTable(action);

    // and near its SLA and past it the table ranks it by the hours left
    try {
      ClockUtil.setCurrentTime(Date.from(due.minusHours(1).toInstant()));
      JsonNode near = action(ok("galina", "/ai/crm/next-best-actions", Map.of("orderId", order.orderId())), ref);
      assertThat(near.get("hoursLeft").asDouble()).isEqualTo(1.0);
      assertPriorityFromTheTable(near);
      ClockUtil.setCurrentTime(Date.from(due.plusHours(2).toInstant()));
      JsonNode late = action(ok("galina", "/ai/crm/next-best-actions", Map.of("orderId", order.orderId())), ref);
      assertThat(late.get("hoursLeft").asDouble()).isEqualTo(-2.0);
      assertPriorityFromTheTable(late);
    } finally {
      ClockUtil.reset();
    }

    // when the step is done the action follows the case's next step; when the case closes it is gone
    ResponseEntity<String> decided = call("galina", HttpMethod.POST, "/api/v1/crm/cases/" + caseId + "/decision",
        Map.of("decision", "rejected", "comment", "Повреждение не подтверждено"));
    assertThat(decided.getStatusCode()).as(decided.getBody()).isEqualTo(HttpStatus.OK);
    String next = openTask(theCase.get("processInstanceId").asText());
    assertThat(next).isNotEqualTo(step);
    assertThat(action(ok("anna", "/ai/crm/next-best-actions", Map.of("orderId", order.orderId())), ref)
        .at("/call/path").asText()).isEqualTo("/engine-rest/task/" + next + "/submit-form");
    ResponseEntity<String> informed = call("anna", HttpMethod.POST, "/api/v1/crm/cases/" + caseId
        + "/client-informed", Map.of("channel", "phone", "message", "Сообщили клиенту об отказе"));
    assertThat(informed.getStatusCode()).as(informed.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(refs(ok("anna", "/ai/crm/next-best-actions", Map.of("orderId", order.orderId()))))
        .doesNotContain(ref, "task:" + next);
  }

  /** A case kind the deployed routing table sends to approval for a standard client and 1000 EUR. */
  private String kindNeedingApproval() {
    return OrderCases.KINDS.stream().sorted().filter(kind -> Boolean.TRUE.equals(decisions
        .evaluateDecisionTableByKey("case-routing", Variables.putValue("caseKind", kind).putValue("amountEur", 1000.0)
            .putValue("customerTier", "standard").putValue("reasonCode", null)).getFirstResult()
        .getEntry("approvalRequired"))).findFirst()
        .orElseThrow(() -> new AssertionError("the routing table asks no approval for 1000 EUR"));
  }

  private String openTask(String processInstanceId) {
    return jdbc.queryForObject("select task_id from tasks where process_instance_id = ? and completed_at is null",
        String.class, processInstanceId);
  }

  private static OffsetDateTime earliest(JsonNode... dates) {
    return java.util.Arrays.stream(dates).filter(JsonNode::isTextual).map(d -> OffsetDateTime.parse(d.asText()))
        .min(java.util.Comparator.naturalOrder()).orElseThrow(() -> new AssertionError("the case has no SLA"));
  }

  @Test
  void retrievalFindsWhatWasJustRecordedAndTheKnowledgeBase() {
    Booked order = book("ai-rag-1", false);
    ResponseEntity<String> created = call("booking", HttpMethod.POST, "/api/v1/interactions", Map.of(
        "customerId", order.customerId(), "orderId", order.orderId(), "channel", "email", "direction", "inbound",
        "subject", "Rahmennummer", "body", "The frame number is WZX-88341-QT, please check the Zylophon fork too.",
        "occurredAt", NOW.minusMinutes(10).toInstant().toString(), "externalReference", "ai-rag-1-mail"));
    assertThat(created.getStatusCode().is2xxSuccessful()).as(created.getBody()).isTrue();

    JsonNode found = ok("anna", "/ai/crm/rag/search", Map.of("query", "Zylophon fork frame number",
        "orderId", order.orderId()));
    assertThat(found.get("generator").asText()).isEqualTo("retrieval:fused");
    JsonNode top = found.at("/passages/0");
    assertThat(top.get("source").asText()).isEqualTo("interaction");
    assertThat(top.get("text").asText()).contains("WZX-88341-QT");
    assertThat(top.get("score").asDouble()).isPositive();
    assertThat(top.get("orderId").asLong()).isEqualTo(order.orderId());

    JsonNode refund = ok("olga", "/ai/crm/rag/search", Map.of("query", "возврат денег при отмене заказа",
        "sources", List.of("knowledge")));
    assertThat(refund.get("passages").findValuesAsText("id")).anyMatch(id -> id.startsWith("knowledge:refund-policy"));
    JsonNode english = ok("olga", "/ai/crm/rag/search", Map.of("query", "how long may shipping to Russia take",
        "sources", List.of("knowledge"), "mode", "embeddings"));
    assertThat(english.get("mode").asText()).isEqualTo("embeddings");
    assertThat(english.get("passages").findValuesAsText("id")).anyMatch(id -> id.startsWith("knowledge:shipping"));
  }

  @Test
  void feedbackIsGivenOnceByTheManagerWhoAskedAndFeedsTheAcceptanceRate() {
    Booked order = book("ai-feedback-1", false);
    String used = ok("boris", "/ai/crm/compose-email", Map.of("orderId", order.orderId(), "intent",
        "status_update")).get("requestId").asText();
    String dismissed = ok("boris", "/ai/crm/summarize-thread", Map.of("orderId", order.orderId()))
        .get("requestId").asText();

    assertThat(call("anna", HttpMethod.POST, "/ai/crm/requests/" + used + "/feedback", Map.of("feedback", "used"))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(ok("boris", "/ai/crm/requests/" + used + "/feedback", Map.of("feedback", "used"))
        .get("feedback").asText()).isEqualTo("used");
    assertThat(call("boris", HttpMethod.POST, "/ai/crm/requests/" + used + "/feedback",
        Map.of("feedback", "dismissed")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    ok("galina", "/ai/crm/requests/" + dismissed + "/feedback", Map.of("feedback", "dismissed", "note", "too long"));
    assertThat(call("boris", HttpMethod.POST, "/ai/crm/requests/00000000-0000-0000-0000-000000000000/feedback",
        Map.of("feedback", "used")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(jdbc.queryForObject("select count(*) from crm_event_outbox where event_type = "
        + "'crm.ai.feedback-recorded' and data like ?", Long.class, "%" + used + "%")).isEqualTo(1);

    String today = LocalDate.now(ZoneOffset.UTC).toString();
    JsonNode kpi = read(call("galina", HttpMethod.GET, "/ai/crm/kpi/acceptance?managerId=boris&from="
        + LocalDate.now(ZoneOffset.UTC).minusDays(1) + "&to=" + LocalDate.now(ZoneOffset.UTC).plusDays(1), null));
    Map<String, JsonNode> byService = new HashMap<>();
    kpi.forEach(row -> byService.put(row.get("service").asText(), row));
    assertThat(byService.get("compose-email").get("used").asLong()).isPositive();
    assertThat(byService.get("summarize-thread").get("dismissed").asLong()).isPositive();
    assertThat(call("galina", HttpMethod.GET, "/ai/crm/kpi/acceptance?from=" + today + "&to=2000-01-01", null)
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void theManagersScorecardShowsTheAcceptanceOfTheirSuggestions() {
    Booked order = book("ai-scorecard-1", false);
    JsonNode before = scorecardAcceptance("boris");
    String used = ok("boris", "/ai/crm/compose-email", Map.of("orderId", order.orderId(), "intent",
        "status_update")).get("requestId").asText();
    String dismissed = ok("boris", "/ai/crm/next-best-actions", Map.of("orderId", order.orderId()))
        .get("requestId").asText();
    ok("boris", "/ai/crm/summarize-thread", Map.of("orderId", order.orderId()));
    ok("boris", "/ai/crm/requests/" + used + "/feedback", Map.of("feedback", "used"));
    ok("boris", "/ai/crm/requests/" + dismissed + "/feedback", Map.of("feedback", "dismissed"));

    // the manager's own scorecard counts the three suggestions and the two verdicts, per service and in all
    JsonNode after = scorecardAcceptance("boris");
    assertThat(after.get("suggestions").asLong() - before.get("suggestions").asLong()).isEqualTo(3);
    assertThat(after.get("used").asLong() - before.get("used").asLong()).isEqualTo(1);
    assertThat(after.get("dismissed").asLong() - before.get("dismissed").asLong()).isEqualTo(1);
    long verdicts = after.get("used").asLong() + after.get("dismissed").asLong();
    assertThat(after.get("acceptanceRate").decimalValue()).isEqualByComparingTo(java.math.BigDecimal
        .valueOf(after.get("used").asLong()).divide(java.math.BigDecimal.valueOf(verdicts), 4,
            java.math.RoundingMode.HALF_UP));
    assertThat(after.get("byService").findValuesAsText("service"))
        .contains("compose-email", "next-best-actions", "summarize-thread");
    long servicesUsed = 0;
    for (JsonNode service : after.get("byService")) {
      servicesUsed += service.get("used").asLong();
    }
    assertThat(servicesUsed).isEqualTo(after.get("used").asLong());

    // and the head of sales sees the same section on boris's scorecard
    assertThat(read(call("galina", HttpMethod.GET, "/api/v1/crm/managers/boris/scorecard?period=week", null))
        .get("aiAcceptance")).isEqualTo(after);
  }

  private JsonNode scorecardAcceptance(String manager) {
    ResponseEntity<String> response = call(manager, HttpMethod.GET, "/api/v1/crm/managers/" + manager
        + "/scorecard?period=week", null);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return read(response).get("aiAcceptance");
  }

  private void assertPriorityFromTheTable(JsonNode action) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("kind", action.get("kind").asText());
    facts.put("hoursLeft", action.get("hoursLeft").isNull() ? null : action.get("hoursLeft").asDouble());
    facts.put("customerTier", "standard");
    Map<String, Object> row = decisions.evaluateDecisionTableByKey(NextBestActions.DECISION,
        org.camunda.bpm.engine.variable.Variables.fromMap(facts)).getFirstResult().getEntryMap();
    assertThat(action.get("priority").asInt()).isEqualTo(((Number) row.get("priority")).intValue());
    assertThat(action.get("reason").asText()).isEqualTo(row.get("reason"));
  }

  private long touchpoint(String user, long orderId, String direction, String summary, OffsetDateTime at) {
    ResponseEntity<String> response = call(user, HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/touchpoints",
        Map.of("channel", "whatsapp", "direction", direction, "summary", summary, "occurredAt", at.toString()));
    assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
    return read(response).get("id").asLong();
  }

  private static List<String> refs(JsonNode response) {
    return response.get("actions").findValuesAsText("ref");
  }

  private static JsonNode action(JsonNode response, String ref) {
    for (JsonNode action : response.get("actions")) {
      if (ref.equals(action.get("ref").asText())) {
        return action;
      }
    }
    throw new AssertionError("no action " + ref + " in " + response);
  }
}
