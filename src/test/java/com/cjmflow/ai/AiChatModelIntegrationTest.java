package com.cjmflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

import com.cjmflow.ApiTestSupport;
import com.cjmflow.ai.writer.ChatWriter;
import com.cjmflow.ai.writer.Templates;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The chat-model path against a fake OpenAI-compatible server (JDK HttpServer on a free port): the prompt carries the
 * grounding (profile, facts, passages, guardrails) with personal data masked; the model's draft is used and says so;
 * a timeout, a provider error or a draft naming a date the SLA does not back falls back to the local writer. The
 * services are built here around the shared context's beans with a chat writer pointed at the fake server, so the
 * shared context keeps its local-only configuration.
 */
class AiChatModelIntegrationTest extends ApiTestSupport {

  private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);

  @Autowired Grounding grounding;
  @Autowired Templates templates;
  @Autowired AiRequestLog log;
  @Autowired Clock clock;

  private HttpServer server;
  private final List<String> prompts = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile String mode = "answer";
  private volatile String answer = "";

  @BeforeEach
  void startFakeModel() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/chat/completions", this::complete);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stopFakeModel() {
    release.countDown();
    server.stop(0);
  }

  private void complete(HttpExchange exchange) throws IOException {
    prompts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    if ("hang".equals(mode)) {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    int status = "error".equals(mode) ? 500 : 200;
    byte[] body = ("error".equals(mode) ? "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"
        : json.writeValueAsString(Map.of("id", "chatcmpl-1", "object", "chat.completion", "created", 0, "model",
            "fake-model", "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content",
                answer), "finish_reason", "stop")), "usage", Map.of("prompt_tokens", 10, "completion_tokens", 10,
            "total_tokens", 20)))).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private AiProperties properties() {
    return new AiProperties(true, new AiProperties.Chat("http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
        "test-key", "fake-model", Duration.ofSeconds(2)), new AiProperties.Index(Duration.ofSeconds(2), 200));
  }

  private EmailComposer composer() {
    AiProperties properties = properties();
    return new EmailComposer(grounding, templates, new ChatWriter(properties), log, properties, clock);
  }

  private long orderWithContacts(String externalId) {
    JsonNode booked = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking(externalId, true, false)));
    long orderId = booked.get("orderId").asLong();
    work("anna", booked.get("processInstanceId").asText(), "Task_ConfirmBooking", Map.of("reserveRequired", true));
    call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/touchpoints", Map.of("channel", "phone",
        "direction", "inbound", "summary", "Payment question: call me back at +7 916 555-44-33 or write to "
            + "ivan.private@mail.example", "occurredAt", NOW.minusHours(1).toString()));
    return orderId;
  }

  @Test
  void theModelWritesFromTheGroundedMaskedPrompt() throws Exception {
    long orderId = orderWithContacts("ai-chat-1");
    answer = "Subject: Reserve payment for ai-chat-1\n\nУважаемый Иван Петров! Напоминаем об оплате резерва по заказу "
        + "ai-chat-1.";

    EmailComposer.Response draft = composer().compose(new EmailComposer.Request(orderId, null, "payment_reminder",
        null), "anna", AiCaller.REST);

    assertThat(draft.generator()).isEqualTo("chat:fake-model");
    assertThat(draft.subject()).isEqualTo("Reserve payment for ai-chat-1");
    assertThat(draft.body()).contains("Напоминаем об оплате резерва");
    assertThat(draft.facts()).extracting(Grounding.Fact::name).contains("order.externalId");

    JsonNode request = json.readTree(prompts.get(prompts.size() - 1));
    String prompt = request.get("messages").toString();
    assertThat(request.get("model").asText()).isEqualTo("fake-model");
    assertThat(prompt).contains("CUSTOMER PROFILE: Ivan Petrov", "FACTS:", "order.externalId: ai-chat-1",
        "stage.slaDueAt", "PASSAGES", "never invent dates", "[phone]", "[e-mail]");
    assertThat(prompt).doesNotContain("555-44-33", "ivan.private@mail.example", "ai-chat-1@example.ru");
    assertThat(jdbc.queryForObject("select generator from crm_ai_requests where request_id = ?", String.class,
        draft.requestId())).isEqualTo("chat:fake-model");
  }

  @Test
  void aTimeoutAnErrorOrAnUnbackedPromiseFallsBackToTheLocalWriter() {
    long orderId = orderWithContacts("ai-chat-2");
    EmailComposer.Request request = new EmailComposer.Request(orderId, null, "payment_reminder", null);

    mode = "hang";
    EmailComposer.Response timedOut = composer().compose(request, "anna", AiCaller.REST);
    assertThat(timedOut.generator()).isEqualTo("local-fallback:timeout");
    assertThat(timedOut.body()).contains("ai-chat-2", "оплата резерва");

    mode = "error";
    assertThat(composer().compose(request, "anna", AiCaller.REST).generator()).isEqualTo("local-fallback:error");

    mode = "answer";
    answer = "Subject: Оплата\n\nОплатите, пожалуйста, до 31.12.2099.";
    EmailComposer.Response unbacked = composer().compose(request, "anna", AiCaller.REST);
    assertThat(unbacked.generator()).isEqualTo("local-fallback:unbacked-date");
    assertThat(unbacked.body()).doesNotContain("31.12.2099").contains("ai-chat-2");
  }

  @Test
  void theModelSummarisesTheThread() {
    long orderId = orderWithContacts("ai-chat-3");
    answer = "Клиент спрашивает об оплате и просит перезвонить.";
    AiProperties properties = properties();
    ThreadSummarizer summarizer = new ThreadSummarizer(grounding, new ChatWriter(properties), log, properties,
        org.springframework.jdbc.core.simple.JdbcClient.create(jdbc), clock);

    ThreadSummarizer.Response summary = summarizer.summarize(new ThreadSummarizer.Request(orderId, null, null, null),
        "anna", AiCaller.REST);

    assertThat(summary.generator()).isEqualTo("chat:fake-model");
    assertThat(summary.summary()).isEqualTo(answer);
    assertThat(summary.openQuestions()).isNotEmpty();
    assertThat(prompts.get(prompts.size() - 1)).contains("THREAD").doesNotContain("555-44-33");
  }
}
