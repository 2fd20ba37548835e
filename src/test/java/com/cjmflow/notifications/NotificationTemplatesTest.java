package com.cjmflow.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.mustache.MustacheResourceTemplateLoader;
import org.springframework.context.support.ResourceBundleMessageSource;

import com.samskivert.mustache.Mustache;

/** Mail texts without a Spring context: the layout from the template, the sentences from the message bundles. */
class NotificationTemplatesTest {

  private final NotificationTemplates templates = new NotificationTemplates(
      Mustache.compiler().withLoader(new MustacheResourceTemplateLoader("classpath:/templates/", ".mustache")),
      messages());

  @Test
  void russianIsTheDefaultAndEnglishIsAvailable() {
    Map<String, String> model = Map.of("orderId", "1042", "stageLabel", "Warehouse received", "assignee", "vera");

    NotificationTemplates.Rendered ru = templates.render(Notification.SLA_BREACH, "warehouse_received", "ru", model);
    NotificationTemplates.Rendered en = templates.render(Notification.SLA_BREACH, "warehouse_received", "en", model);

    assertThat(ru.subject()).isEqualTo("Заказ 1042: просрочен этап «Warehouse received»");
    assertThat(ru.body()).startsWith("Здравствуйте!\n\n").contains("\nОтветственный: vera\nКак рассчитан срок: ")
        .endsWith("CJM Flow\n");
    assertThat(en.subject()).isEqualTo("Order 1042: \"Warehouse received\" is overdue");
    assertThat(en.body()).startsWith("Hello,\n\n").contains("\nAssignee: vera\n").endsWith("CJM Flow\n");
  }

  @Test
  void aCoverNoteIsItsOwnLineOnlyWhenThereIsOne() {
    Map<String, String> model = Map.of("orderId", "1042", "assignee", "anna", "explanation", "8 business hours");

    String without = templates.render(Notification.SLA_WARNING, null, "en", model).body();
    Map<String, String> withCover = new HashMap<>(model);
    withCover.put("cover", "Anna is away until Monday; Boris stands in.");
    String with = templates.render(Notification.SLA_WARNING, null, "en", withCover).body();

    assertThat(without).contains("Assignee: anna\nHow the due date was set: 8 business hours\n");
    assertThat(with).contains("Assignee: anna\nAnna is away until Monday; Boris stands in.\nHow the due date was set:");
  }

  @Test
  void aStageSentenceWinsOverTheKindsAndTheRestStaysCommon() {
    NotificationTemplates.Rendered mail = templates.render(Notification.SLA_BREACH, "seller_check_in_progress", "en",
        Map.of("orderId", "7", "dueAt", "2026-12-28T10:00:00+01:00", "link", "http://cjm/t"));

    assertThat(mail.subject()).isEqualTo("Order 7: the seller check is overdue");
    assertThat(mail.body()).contains("The seller check for order 7 was due at 2026-12-28T10:00:00+01:00.")
        .contains("Please contact the seller again today.").contains("Open the task: http://cjm/t");
  }

  @Test
  void valuesAreNotHtmlEscapedAndMissingOnesAreEmpty() {
    NotificationTemplates.Rendered mail = templates.render("reply_window_breach", null, "en",
        Map.of("customerName", "Ivan & Co <ivan@example.ru>", "channel", "telegram"));

    assertThat(mail.subject()).isEqualTo("Client Ivan & Co <ivan@example.ru> waits for a reply (telegram)");
    assertThat(mail.body()).contains("contacted us by telegram at . The reply was due at  and")
        .doesNotContain("{{").doesNotContain("&amp;");
  }

  @Test
  void aKindWithoutTemplateIsAProgrammingError() {
    assertThatThrownBy(() -> templates.render("no_such_kind", null, "ru", Map.of()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> templates.render("../secrets", null, "ru", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ResourceBundleMessageSource messages() {
    // as Boot configures it (spring.messages.*): UTF-8, Russian base bundle, no fallback to the machine's locale
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return messages;
  }
}
