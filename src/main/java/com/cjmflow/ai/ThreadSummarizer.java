package com.cjmflow.ai;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.cjmflow.ai.retrieval.Embeddings;
import com.cjmflow.ai.writer.ChatWriter;
import com.cjmflow.ai.writer.Masking;

/**
 * {@code POST /ai/crm/summarize-thread}: the contacts of an order, a customer or an interaction's thread, as a short
 * summary, the open questions (a client message whose reply window is open, or a question nobody answered after)
 * and the promised next steps (open follow-ups, a manager's "we will …"), each linked to the interaction it rests on.
 * The local summary is extractive: the sentences closest to the centre of the thread's embeddings, in time order.
 */
@Service
public class ThreadSummarizer {

  public static final String SERVICE = "summarize-thread";
  public static final String LOCAL = "local-extractive";
  static final int THREAD = 100;
  static final int SENTENCES = 3;
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…])\\s+");
  private static final Pattern PROMISE = Pattern.compile(
      "(?iu)\\b(отправ|пришл|вышл|свяж|перезвон|сообщ|подготов|уточн|провер|we will|we'll|will send|will call"
          + "|will check|will let you know|will confirm|will get back)");

  public record Request(Long orderId, Long customerId, Long interactionId, String language) {}

  /** A contact of the thread, with where to read it. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "ThreadInteractionLink")
  public record Link(long touchpointId, String channel, String direction, OffsetDateTime occurredAt, String href) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "ThreadItem")
  public record Item(String text, Long touchpointId, OffsetDateTime dueAt, String source) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "SummarizeThreadResponse")
  public record Response(String requestId, String generator, String summary, List<Item> openQuestions,
      List<Item> promisedNextSteps, List<Link> interactions, List<Grounding.Fact> facts) {}

  private record Contact(long id, Long orderId, String channel, String direction, String subject, String summary,
      OffsetDateTime occurredAt, OffsetDateTime responseDueAt, OffsetDateTime respondedAt, String source) {
    String text() {
      return (subject == null ? "" : subject + ". ") + (summary == null ? "" : summary);
    }
  }

  private final Grounding grounding;
  private final ChatWriter chat;
  private final AiRequestLog log;
  private final AiProperties properties;
  /** An open follow-up of the thread's order or customer. */
  record OpenFollowup(String subject, OffsetDateTime dueAt) {}

  /** Where an interaction of the thread belongs. */
  record Owner(long customerId, Long orderId) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  public ThreadSummarizer(Grounding grounding, ChatWriter chat, AiRequestLog log, AiProperties properties,
      JdbcClient jdbc, Clock clock) {
    this.grounding = grounding;
    this.chat = chat;
    this.log = log;
    this.properties = properties;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Response summarize(Request request, String actorId, String channel) {
    long started = System.nanoTime();
    OffsetDateTime startedAt = OffsetDateTime.now(clock);
    Long orderId = request.orderId();
    Long customerId = request.customerId();
    if (request.interactionId() != null) {
      Owner owner = jdbc.sql("select customer_id, order_id from crm_touchpoints where id = ?")
          .param(request.interactionId()).query(Owner.class).optional()
          .orElseThrow(() -> new AiNotFound("Interaction", request.interactionId()));
      customerId = owner.customerId();
      orderId = owner.orderId();
    }
    Grounding.Context context = grounding.of(orderId, orderId == null ? customerId : null, request.language(),
        null);
    List<Contact> thread = thread(context);
    boolean mask = properties.maskPersonalData();

    String summary = extractive(thread);
    String generator = LOCAL;
    if (chat.configured() && !thread.isEmpty()) {
      try {
        summary = chat.complete(Prompts.system(context.language()), Prompts.summarize(context, threadText(thread)))
            .strip();
        generator = chat.generator();
      } catch (ChatWriter.Failure e) {
        generator = "local-fallback:" + e.reason();
      }
    }
    List<Item> questions = openQuestions(thread, mask);
    List<Item> steps = promisedSteps(thread, context, mask);
    List<Link> links = thread.stream().map(c -> new Link(c.id(), c.channel(), c.direction(), c.occurredAt(),
        "interaction".equals(c.source()) ? "/api/v1/interactions/" + c.id()
            : c.orderId() != null ? "/api/v1/crm/orders/" + c.orderId() + "/touchpoints"
            : "/api/v1/interactions/" + c.id())).toList();
    List<Grounding.Fact> facts = Grounding.used(context, List.of("customer.name", "order.externalId",
        "stage.current", "order.openReplyWindows"));
    Response response = new Response(null, generator, Masking.mask(summary, mask), questions, steps, links, facts);
    String requestId = log.record(new AiRequestLog.Entry(SERVICE, channel, actorId, context.orderId(),
        context.customerId(), generator, request, Map.of("touchpoints", links.stream().map(Link::touchpointId)
            .toList(), "facts", facts), response, facts.stream().map(Grounding.Fact::name).toList(),
        links.stream().map(l -> "touchpoint:" + l.touchpointId()).toList(), response.summary(), startedAt,
        (System.nanoTime() - started) / 1_000_000));
    return new Response(requestId, generator, response.summary(), questions, steps, links, facts);
  }

  private List<Contact> thread(Grounding.Context context) {
    String where = context.orderId() != null ? "order_id = ?" : "customer_id = ?";
    Object id = context.orderId() != null ? context.orderId() : context.customerId();
    List<Contact> newest = jdbc.sql("""
        select id, order_id, channel, direction, subject, summary, occurred_at, response_due_at, responded_at, source
          from crm_touchpoints where %s order by occurred_at desc, id desc offset 0 rows fetch next ? rows only"""
        .formatted(where)).params(id, THREAD).query(Contact.class).list();
    List<Contact> thread = new ArrayList<>(newest);
    thread.sort(Comparator.comparing(Contact::occurredAt).thenComparing(Contact::id));
    return thread;
  }

  /** The sentences nearest the thread's centroid (embedding centrality), in time order. */
  static String extractiveOf(List<String> sentences) {
    if (sentences.isEmpty()) {
      return "";
    }
    if (sentences.size() <= SENTENCES) {
      return String.join(" ", sentences);
    }
    List<float[]> vectors = Embeddings.embedAll(sentences);
    float[] centre = new float[vectors.get(0).length];
    for (float[] v : vectors) {
      for (int i = 0; i < v.length; i++) {
        centre[i] += v[i];
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      order.add(i);
    }
    double[] score = new double[sentences.size()];
    for (int s = 0; s < sentences.size(); s++) {
      double dot = 0;
      for (int i = 0; i < centre.length; i++) {
        dot += centre[i] * vectors.get(s)[i];
      }
      score[s] = dot;
    }
    order.sort((a, b) -> Double.compare(score[b], score[a]));
    List<Integer> chosen = new ArrayList<>(order.subList(0, SENTENCES));
    chosen.sort(null);
    return String.join(" ", chosen.stream().map(sentences::get).toList());
  }

  private static String extractive(List<Contact> thread) {
    List<String> sentences = new ArrayList<>();
    for (Contact contact : thread) {
      for (String sentence : SENTENCE_END.split(contact.text().strip())) {
        if (sentence.strip().length() > 3) {
          sentences.add(sentence.strip());
        }
      }
    }
    return extractiveOf(sentences);
  }

  private static String threadText(List<Contact> thread) {
    StringBuilder text = new StringBuilder();
    for (Contact c : thread) {
      text.append("- ").append(c.occurredAt()).append(' ').append(c.direction()).append(' ').append(c.channel())
          .append(": ").append(c.text()).append('\n');
    }
    return text.toString();
  }

  private static List<Item> openQuestions(List<Contact> thread, boolean mask) {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < thread.size(); i++) {
      Contact c = thread.get(i);
      if (!"inbound".equals(c.direction())) {
        continue;
      }
      boolean windowOpen = c.responseDueAt() != null && c.respondedAt() == null;
      boolean answeredLater = thread.subList(i + 1, thread.size()).stream()
          .anyMatch(later -> "outbound".equals(later.direction()));
      if (windowOpen || (c.text().contains("?") && !answeredLater)) {
        items.add(new Item(Masking.mask(c.text().strip(), mask), c.id(), windowOpen ? c.responseDueAt() : null,
            windowOpen ? "reply window open" : "unanswered question"));
      }
    }
    return items;
  }

  private List<Item> promisedSteps(List<Contact> thread, Grounding.Context context, boolean mask) {
    List<Item> items = new ArrayList<>();
    for (Contact c : thread) {
      if ("outbound".equals(c.direction())) {
        for (String sentence : SENTENCE_END.split(c.text().strip())) {
          if (PROMISE.matcher(sentence).find()) {
            items.add(new Item(Masking.mask(sentence.strip(), mask), c.id(), null, "manager's promise"));
          }
        }
      }
    }
    String where = context.orderId() != null ? "order_id = ?" : "customer_id = ?";
    Object id = context.orderId() != null ? context.orderId() : context.customerId();
    for (OpenFollowup f : jdbc.sql("select subject, due_at from crm_manager_followups where status = 'open' and "
        + where + " order by due_at").param(id).query(OpenFollowup.class).list()) {
      items.add(new Item(Masking.mask(f.subject(), mask), null, f.dueAt(), "open follow-up"));
    }
    return items;
  }
}
