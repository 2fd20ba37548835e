package com.cjmflow.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.transaction.support.TransactionTemplate;

import com.cjmflow.ApiTestSupport;

/** The outbox: one row per dedup key, texts rendered from the templates, written in the caller's transaction. */
class NotificationOutboxIntegrationTest extends ApiTestSupport {

  private static final String SELLER_CHECK = "seller_check_in_progress";

  @Autowired Notifications notifications;
  @Autowired NotificationDispatcher dispatcher;
  @Autowired TransactionTemplate transaction;

  @Test
  void theSameDedupKeyIsQueuedOnce() {
    // given an order and a breach notification for it
    long orderId = bookedOrder();
    String key = "it-outbox-dup-" + UUID.randomUUID();
    Notification breach = breach(key, orderId, SELLER_CHECK, "ru", List.of("anna@example.ru"));

    // when it is queued twice
    boolean first = notifications.enqueue(breach);
    boolean second = notifications.enqueue(breach);

    // then there is one pending row
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    Map<String, Object> row = row(key);
    assertThat(jdbc.queryForObject("select count(*) from crm_notifications where dedup_key = ?", Long.class, key))
        .isEqualTo(1);
    assertThat(row).containsEntry("STATUS", "pending").containsEntry("ATTEMPTS", 0)
        .containsEntry("KIND", Notification.SLA_BREACH).containsEntry("STAGE", SELLER_CHECK)
        .containsEntry("LANGUAGE", "ru").containsEntry("RECIPIENTS", "anna@example.ru");
    assertThat(((Number) row.get("ORDER_ID")).longValue()).isEqualTo(orderId);
  }

  @Test
  void theStageTemplateWinsOverTheDefaultInBothLanguages() {
    long orderId = bookedOrder();
    String prefix = "it-outbox-render-" + UUID.randomUUID();

    notifications.enqueue(breach(prefix + "-stage-ru", orderId, SELLER_CHECK, "ru", List.of("anna@example.ru")));
    notifications.enqueue(breach(prefix + "-stage-en", orderId, SELLER_CHECK, "en", List.of("anna@example.ru")));
    notifications.enqueue(breach(prefix + "-default-ru", orderId, "warehouse_received", "ru", List.of("vera@example.ru")));
    notifications.enqueue(breach(prefix + "-default-en", orderId, "warehouse_received", "en", List.of("vera@example.ru")));

    assertThat(row(prefix + "-stage-ru").get("SUBJECT"))
        .isEqualTo("Заказ " + orderId + ": проверка велосипеда у продавца просрочена");
    assertThat((String) row(prefix + "-stage-ru").get("BODY"))
        .contains("Задача: Проверить велосипед у продавца — заказ " + orderId)
        .contains("Ответственный: anna")
        .contains("8 business hours, Europe/Berlin")
        .contains("Открыть задачу: http://localhost:8080/camunda/app/tasklist/#/?task=t-1")
        .doesNotContain("{{");
    assertThat(row(prefix + "-stage-en").get("SUBJECT")).isEqualTo("Order " + orderId + ": the seller check is overdue");
    assertThat(row(prefix + "-default-ru").get("SUBJECT"))
        .isEqualTo("Заказ " + orderId + ": просрочен этап «Warehouse received»");
    assertThat(row(prefix + "-default-en").get("SUBJECT"))
        .isEqualTo("Order " + orderId + ": \"Warehouse received\" is overdue");
    assertThat((String) row(prefix + "-default-en").get("BODY"))
        .contains("was due at 2026-12-28T10:00:00+01:00").doesNotContain("{{");
  }

  @Test
  void everyKindHasTextsInRussianAndEnglishAndMissingValuesStayEmpty() {
    String prefix = "it-outbox-kinds-" + UUID.randomUUID();
    for (String kind : List.of(Notification.SLA_WARNING, Notification.SLA_BREACH, Notification.SLA_ESCALATION)) {
      for (String language : List.of("ru", "en")) {
        String key = prefix + "-" + kind + "-" + language;
        // a model with only the order id: the other placeholders are left empty
        assertThat(notifications.enqueue(new Notification(key, kind, null, "some_stage", 2, language,
            List.of("galina@example.ru"), Map.of("orderId", "1042")))).isTrue();
        Map<String, Object> row = row(key);
        assertThat((String) row.get("SUBJECT")).contains("1042").doesNotContain("{{");
        assertThat((String) row.get("BODY")).isNotBlank().doesNotContain("{{").doesNotContain("}}");
      }
    }
    assertThat((String) row(prefix + "-sla_escalation-ru").get("SUBJECT")).startsWith("Эскалация");
  }

  @Test
  void noRecipientsMeansNothingIsQueued() {
    long before = count("crm_notifications");
    String key = "it-outbox-nobody-" + UUID.randomUUID();

    assertThat(notifications.enqueue(breach(key, null, SELLER_CHECK, "en", List.of(" ", "")))).isFalse();
    assertThat(count("crm_notifications")).isEqualTo(before);
  }

  @Test
  void theRowIsWrittenInTheCallersTransaction() {
    String key = "it-outbox-tx-" + UUID.randomUUID();

    // when the caller's transaction rolls back, the notification goes with it
    transaction.executeWithoutResult(status -> {
      assertThat(notifications.enqueue(breach(key, null, SELLER_CHECK, "en", List.of("anna@example.ru")))).isTrue();
      status.setRollbackOnly();
    });

    assertThat(jdbc.queryForObject("select count(*) from crm_notifications where dedup_key = ?", Long.class, key))
        .isZero();
  }

  private long bookedOrder() {
    return read(call("anna", HttpMethod.POST, "/api/v1/crm/orders",
        booking("it-notify-" + UUID.randomUUID(), false, false))).get("orderId").asLong();
  }

  private Map<String, Object> row(String key) {
    Map<String, Object> row = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    row.putAll(jdbc.queryForMap("select * from crm_notifications where dedup_key = ?", key));
    return row;
  }

  static Notification breach(String key, Long orderId, String stage, String language, List<String> to) {
    return new Notification(key, Notification.SLA_BREACH, orderId, stage, 1, language, to, model(orderId, stage));
  }

  static Map<String, String> model(Long orderId, String stage) {
    String order = String.valueOf(orderId);
    String label = stage.substring(0, 1).toUpperCase() + stage.substring(1).replace('_', ' ');
    return Map.of("orderId", order, "stage", stage, "stageLabel", label.replace(" in progress", ""),
        "dueAt", "2026-12-28T10:00:00+01:00",
        "explanation", "8 business hours, Europe/Berlin, skips 2026-12-25 Christmas Day",
        "assignee", "anna", "level", "1", "taskName", "Проверить велосипед у продавца — заказ " + order,
        "link", "http://localhost:8080/camunda/app/tasklist/#/?task=t-1");
  }
}
