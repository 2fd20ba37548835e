package com.cjmflow.ai;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

import com.cjmflow.ai.writer.ChatWriter;
import com.cjmflow.ai.writer.Draft;
import com.cjmflow.ai.writer.Masking;
import com.cjmflow.ai.writer.Templates;

/**
 * {@code POST /ai/crm/compose-email}: a draft in the customer's language (Russian by default, formal) for an intent,
 * grounded in the order's live facts. The local writer fills the intent's template; with a chat model configured
 * the model writes from the same facts, and its draft is kept only if every date it names is one the facts back
 * (the SLA due date); otherwise, and on a timeout or provider error, the local draft answers. The answer says which
 * generator wrote it.
 */
@Service
public class EmailComposer {

  public static final String SERVICE = "compose-email";
  public static final String LOCAL = "local-template";
  static final ZoneId OFFICE = ZoneId.of("Europe/Moscow");
  private static final Pattern DATE = Pattern.compile("\\b(\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}|\\d{4}-\\d{2}-\\d{2})\\b");

  public record Request(Long orderId, Long customerId, String intent, String language) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "ComposeEmailResponse")
  public record Response(String requestId, String generator, String intent, String language, String subject,
      String body, List<Grounding.Fact> facts, List<Grounding.Snippet> snippets, List<String> guardrails) {}

  static final List<String> GUARDRAILS = List.of(
      "formal address (Вы), in the customer's language",
      "only facts of the live order state; dates only from the stage SLA table",
      "no promise of a date, amount or outcome the facts do not back",
      "personal data (phones, e-mails) masked before it leaves the service");

  private final Grounding grounding;
  private final Templates templates;
  private final ChatWriter chat;
  private final AiRequestLog log;
  private final AiProperties properties;
  private final Clock clock;

  public EmailComposer(Grounding grounding, Templates templates, ChatWriter chat, AiRequestLog log,
      AiProperties properties, Clock clock) {
    this.grounding = grounding;
    this.templates = templates;
    this.chat = chat;
    this.log = log;
    this.properties = properties;
    this.clock = clock;
  }

  public Response compose(Request request, String actorId, String channel) {
    long started = System.nanoTime();
    OffsetDateTime startedAt = OffsetDateTime.now(clock);
    String intent = normalise(request.intent());
    if (!templates.intents().contains(intent)) {
      throw new AiInvalid("intent must be one of " + templates.intents());
    }
    Grounding.Context context = grounding.of(request.orderId(), request.customerId(), request.language(),
        intent.replace('_', ' '));
    Map<String, String> facts = templateFacts(context);
    Draft local = templates.write(intent, context.language(), facts, LOCAL);
    Draft draft = local;
    if (chat.configured()) {
      draft = chatDraft(intent, context, facts, local);
    }
    boolean mask = properties.maskPersonalData();
    List<String> names = new ArrayList<>(draft.factsUsed());
    List<Grounding.Fact> used = Grounding.used(context, factNames(names));
    Response response = new Response(null, draft.generator(), intent, context.language(),
        Masking.mask(draft.subject(), mask), Masking.mask(draft.body(), mask), used, masked(context.snippets(), mask),
        GUARDRAILS);
    String requestId = log.record(new AiRequestLog.Entry(SERVICE, channel, actorId, context.orderId(),
        context.customerId(), draft.generator(), request, Map.of("facts", context.facts().values(), "snippets",
            context.snippets()), response, used.stream().map(Grounding.Fact::name).toList(),
        context.snippets().stream().map(Grounding.Snippet::id).toList(), response.subject(), startedAt,
        (System.nanoTime() - started) / 1_000_000));
    return new Response(requestId, response.generator(), response.intent(), response.language(), response.subject(),
        response.body(), response.facts(), response.snippets(), response.guardrails());
  }

  private Draft chatDraft(String intent, Grounding.Context context, Map<String, String> facts, Draft local) {
    try {
      String text = chat.complete(Prompts.system(context.language()),
          Prompts.composeEmail(intent, context, facts, local));
      String subject = local.subject();
      String body = text.strip();
      if (body.regionMatches(true, 0, "Subject:", 0, 8) || body.regionMatches(true, 0, "Тема:", 0, 5)) {
        int newline = body.indexOf('\n');
        subject = (newline < 0 ? body : body.substring(0, newline)).replaceFirst("^[^:]*:", "").trim();
        body = newline < 0 ? "" : body.substring(newline + 1).strip();
      }
      String unbacked = unbackedDate(subject + "\n" + body, facts);
      if (unbacked != null) {
        return new Draft(local.subject(), local.body(), local.factsUsed(), "local-fallback:unbacked-date");
      }
      List<String> used = new ArrayList<>();
      String written = subject + "\n" + body;
      facts.forEach((name, value) -> {
        if (!value.isBlank() && written.contains(value)) {
          used.add(name);
        }
      });
      return new Draft(subject, body, used, chat.generator());
    } catch (ChatWriter.Failure e) {
      return new Draft(local.subject(), local.body(), local.factsUsed(), "local-fallback:" + e.reason());
    }
  }

  /** A date in the text that none of the facts contains, or null. */
  static String unbackedDate(String text, Map<String, String> facts) {
    Matcher m = DATE.matcher(text);
    while (m.find()) {
      String date = m.group(1);
      if (facts.values().stream().noneMatch(v -> v.contains(date))) {
        return date;
      }
    }
    return null;
  }

  /** The grounded facts plus what the templates say them with (dates in office time, stage and party labels). */
  static Map<String, String> templateFacts(Grounding.Context context) {
    Map<String, String> facts = new LinkedHashMap<>();
    context.facts().forEach((name, fact) -> facts.put(name, fact.value()));
    boolean english = "en".equals(context.language());
    context.fact("stage.current").ifPresent(stage -> {
      facts.put("stage.label", stage.replace('_', ' '));
      boolean reserve = stage.contains("reserve");
      facts.put("payment.kind.ru", reserve ? "оплата резерва" : "полная оплата");
      facts.put("payment.kind.en", reserve ? "the reserve payment" : "the full payment");
    });
    if (context.order() != null && context.order().currentStage() != null
        && context.order().currentStage().slaDueAt() != null && !context.order().currentStage().slaBreached()) {
      OffsetDateTime due = context.order().currentStage().slaDueAt();
      facts.put("stage.dueDate", due.atZoneSameInstant(OFFICE).format(english
          ? DateTimeFormatter.ofPattern("dd.MM.yyyy, HH:mm 'Moscow time'", Locale.ENGLISH)
          : DateTimeFormatter.ofPattern("dd.MM.yyyy, HH:mm 'по московскому времени'", Locale.forLanguageTag("ru"))));
    }
    if (context.order() != null && context.order().currentStage() != null
        && context.order().currentStage().slaBreached()) {
      String party = context.order().currentStage().clockOwner();
      String ru = party == null ? null : switch (party) {
        case "seller" -> "продавца";
        case "carrier" -> "перевозчика";
        case "expert" -> "эксперта";
        case "warehouse" -> "склада";
        case "logistics" -> "логистики";
        default -> null;
      };
      if (ru != null) {
        facts.put("delay.party.ru", ru);
        facts.put("delay.party.en", party);
      }
    }
    context.cases().stream().filter(c -> "open".equals(c.status()) && c.summary() != null).findFirst()
        .ifPresent(c -> facts.put("case.summary", c.summary()));
    facts.put("manager.signature.ru", "Ваш менеджер CJM Flow");
    facts.put("manager.signature.en", "Your CJM Flow manager");
    return facts;
  }

  /** Template names back to grounded fact names (stage.dueDate rests on stage.slaDueAt, …). */
  private static List<String> factNames(List<String> names) {
    List<String> result = new ArrayList<>();
    for (String name : names) {
      switch (name) {
        case "stage.dueDate" -> result.add("stage.slaDueAt");
        case "stage.label", "payment.kind.ru", "payment.kind.en" -> result.add("stage.current");
        case "delay.party.ru", "delay.party.en" -> result.add("stage.clockOwner");
        default -> result.add(name);
      }
    }
    return result;
  }

  static List<Grounding.Snippet> masked(List<Grounding.Snippet> snippets, boolean mask) {
    return snippets.stream().map(s -> new Grounding.Snippet(s.id(), s.source(), Masking.mask(s.text(), mask),
        s.occurredAt(), s.score())).toList();
  }

  static String normalise(String intent) {
    return intent == null ? "" : intent.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
  }
}
