package com.cjmflow.ai;

import java.util.Map;
import java.util.stream.Collectors;

import com.cjmflow.ai.writer.Draft;

/**
 * The prompts for the chat model: always the customer profile summary (canonical reference and latest scores), the
 * live facts, the recent passages from retrieval, and the guardrails (language, formality, no promise the SLA table
 * does not back).
 */
final class Prompts {

  private Prompts() {}

  static String system(String language) {
    return """
        You are the assistant of a sales manager of CJM Flow, a company that buys used bikes in Europe for clients \
        and ships them to Russia. Write in %s, formally (in Russian: address the client as "Вы"). Use only the \
        FACTS and PASSAGES given; never invent dates, amounts, stages or outcomes; name a deadline only if it is \
        the stage SLA due date in FACTS; promise nothing else. Personal data is masked as [phone] and [e-mail]: \
        keep the masks as they are.""".formatted("en".equals(language) ? "English" : "Russian");
  }

  static String profile(Grounding.Context context) {
    String scores = context.facts().entrySet().stream().filter(e -> e.getKey().startsWith("score."))
        .map(e -> e.getKey().substring(6) + " " + e.getValue().value()).collect(Collectors.joining(", "));
    return "CUSTOMER PROFILE: " + context.customerName() + ", tier " + context.customerTier()
        + (scores.isEmpty() ? "" : ", scores: " + scores) + "\n";
  }

  static String facts(Map<String, String> facts) {
    return "FACTS:\n" + facts.entrySet().stream().filter(e -> !e.getKey().startsWith("manager.signature"))
        .map(e -> "- " + e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n")) + "\n";
  }

  static String passages(Grounding.Context context) {
    return "PASSAGES (recent contacts and notes):\n" + (context.snippets().isEmpty() ? "- none\n"
        : context.snippets().stream().map(s -> "- [" + s.id() + "] " + s.text())
            .collect(Collectors.joining("\n")) + "\n");
  }

  static String composeEmail(String intent, Grounding.Context context, Map<String, String> facts, Draft local) {
    return profile(context) + facts(facts) + passages(context)
        + "TASK: write the e-mail for the intent \"" + intent.replace('_', ' ') + "\". First line \"Subject: ...\", "
        + "then the body. A correct but plain draft to improve on:\n" + "Subject: " + local.subject() + "\n"
        + local.body();
  }

  static String summarize(Grounding.Context context, String thread) {
    return profile(context) + passages(context) + "THREAD (oldest first):\n" + thread
        + "\nTASK: summarise the thread in at most four sentences: what the client wants, what was agreed.";
  }
}
