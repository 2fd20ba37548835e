package com.cjmflow.ai;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.cjmflow.events.PublishedEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code crm_ai_requests}: every AI call (REST or MCP) with who asked, the request, the grounded context, the answer,
 * its generator and latency, and later the manager's feedback. The row and its {@code crm.ai.requested} /
 * {@code crm.ai.response-logged} events commit together; the feedback and {@code crm.ai.feedback-recorded} too.
 */
@Component
public class AiRequestLog {

  public static final String USED = "used";
  public static final String DISMISSED = "dismissed";
  private static final int MAX = 20000;

  /** One logged call. */
  public record Entry(String service, String channel, String actorId, Long orderId, Long customerId,
      String generator, Object request, Object context, Object response, List<String> factsUsed,
      List<String> passages, String excerpt, OffsetDateTime startedAt, long latencyMs) {}

  /** A stored request as the feedback call sees it. */
  public record Stored(String requestId, String service, String actorId, String feedback) {}

  /** The stored row with what its events are about. */
  record Logged(String requestId, String service, String actorId, String feedback, Long orderId, Long customerId) {
    Stored stored() {
      return new Stored(requestId, service, actorId, feedback);
    }
  }

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  AiRequestLog(JdbcClient jdbc, ObjectMapper json, ApplicationEventPublisher events, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.events = events;
    this.clock = clock;
  }

  /** Stores the call and publishes its two events; answers the request id. */
  @Transactional
  public String record(Entry entry) {
    String requestId = UUID.randomUUID().toString();
    OffsetDateTime now = OffsetDateTime.now(clock);
    String request = text(entry.request());
    jdbc.sql("""
        insert into crm_ai_requests (request_id, service, channel, actor_id, order_id, customer_id, generator,
          request_data, context_data, response_data, latency_ms, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""").params(requestId, entry.service(), entry.channel(),
        entry.actorId(), entry.orderId(), entry.customerId(), entry.generator(), request, text(entry.context()),
        text(entry.response()), entry.latencyMs(), entry.startedAt()).update();
    String subject = subject(requestId, entry.orderId(), entry.customerId());
    events.publishEvent(new PublishedEvent("crm.ai.requested", subject, entry.startedAt(),
        new AiEvents.Requested(requestId, entry.service(), entry.channel(), entry.actorId(), entry.orderId(),
            entry.customerId(), cut(request, 4000), entry.startedAt())));
    events.publishEvent(new PublishedEvent("crm.ai.response-logged", subject, now,
        new AiEvents.ResponseLogged(requestId, entry.service(), entry.generator(), entry.factsUsed(),
            entry.passages(), cut(entry.excerpt(), 500), entry.latencyMs(), now)));
    return requestId;
  }

  public Optional<Stored> find(String requestId) {
    return logged(requestId).map(Logged::stored);
  }

  private Optional<Logged> logged(String requestId) {
    return jdbc.sql("select request_id, service, actor_id, feedback, order_id, customer_id from crm_ai_requests"
        + " where request_id = ?").param(requestId).query(Logged.class).optional();
  }

  /**
   * The manager's verdict on an answer, once: a second verdict (or a parallel one) is a 409. Only the one who asked
   * gives it, or the head of sales for anyone.
   */
  @Transactional
  public Stored feedback(String requestId, String feedback, String note, String actorId, boolean anyone) {
    Logged stored = logged(requestId).orElseThrow(() -> new AiNotFound("AI request", requestId));
    if (!anyone && !stored.actorId().equals(actorId)) {
      throw new AiNotAllowed("Only the manager who asked gives feedback on AI request " + requestId);
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (jdbc.sql("""
        update crm_ai_requests set feedback = ?, feedback_by = ?, feedback_note = ?, feedback_at = ?
        where request_id = ? and feedback is null""").params(feedback, actorId, note, now, requestId).update() == 0) {
      throw new AiFeedbackGiven(requestId, stored.feedback());
    }
    events.publishEvent(new PublishedEvent("crm.ai.feedback-recorded",
        subject(requestId, stored.orderId(), stored.customerId()), now,
        new AiEvents.FeedbackRecorded(requestId, stored.service(), feedback, actorId, note, now)));
    return new Stored(requestId, stored.service(), stored.actorId(), feedback);
  }

  /** What the request's events are about: its order, else its customer, else the request itself. */
  private static String subject(String requestId, Long orderId, Long customerId) {
    return orderId != null ? "orders/" + orderId
        : customerId != null ? "customers/" + customerId : "ai-requests/" + requestId;
  }

  private String text(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return cut(value instanceof String s ? s : json.writeValueAsString(value), MAX);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("AI log entry is not JSON", e);
    }
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
