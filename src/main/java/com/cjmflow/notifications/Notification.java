package com.cjmflow.notifications;

import java.util.List;
import java.util.Map;

/**
 * A mail to send once. {@code dedupKey} names the business event (e.g. order + stage + level + due date): a second
 * notification with the same key is dropped. {@code kind} and {@code stage} choose the template, {@code language} is
 * {@code ru} or {@code en} (null means {@code ru}), {@code model} fills the template's {@code {{placeholders}}}.
 */
public record Notification(String dedupKey, String kind, Long orderId, String stage, Integer level, String language,
    List<String> recipients, Map<String, String> model) {

  public static final String SLA_WARNING = "sla_warning";
  public static final String SLA_BREACH = "sla_breach";
  public static final String SLA_ESCALATION = "sla_escalation";

  public Notification {
    recipients = recipients == null ? List.of() : List.copyOf(recipients);
    model = model == null ? Map.of() : Map.copyOf(model);
  }
}
