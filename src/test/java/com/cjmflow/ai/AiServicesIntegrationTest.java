package com.cjmflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The four AI endpoints on seeded orders, with the local writer (no chat model in the shared context): drafts cite the
 * order's facts, summaries link the interactions they rest on, next best actions follow the live state, retrieval
 * finds what was just recorded; every call is logged with its events and takes feedback once.
 */
class AiServicesIntegrationTest extends ApiTestSupport {

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
  void retrievalFindsWhatWasJustRecordedAndTheKnowledgeBase() {
    Booked order = book("ai-rag-1", false);
    ResponseEntity<String> created = call("booking", HttpMethod.POST, "/api/v1/interactions", Map.of(
        "customerId", order.customerId(), "orderId", order.orderId(), "channel", "email", "direction", "inbound",
        "subject", "Rahmennummer", "body", "The frame number is WZX-88341-QT, please check the Zylophon fork too.",
        "occurredAt", NOW.minusMinutes(10).toString(), "externalReference", "ai-rag-1-mail"));
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
