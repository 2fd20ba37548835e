package com.cjmflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.cjmflow.platform.DisplayNames;

/** Names by technical id in both languages; an id without a translation reads as its model name. */
class DisplayNamesTest {

  private final DisplayNames ru = new DisplayNames("ru", "Europe/Moscow");
  private final DisplayNames en = new DisplayNames("en", "Europe/Moscow");

  @Test
  void stagesTasksAndClocksInRussianAndEnglish() {
    assertThat(ru.stage("seller_check_in_progress")).isEqualTo("Проверка у продавца");
    assertThat(en.stage("seller_check_in_progress")).isEqualTo("Seller check in progress");
    assertThat(ru.task("Task_ConfirmBooking", "Confirm booking", null)).isEqualTo("Подтвердить бронирование");
    assertThat(en.task("Task_ConfirmBooking", "Confirm booking", null)).isEqualTo("Confirm booking");
    assertThat(ru.task("Task_ReviewConfirmBookingSlaBreach", "Review SLA breach: Confirm booking", null))
        .isEqualTo("Разобрать нарушение SLA: Подтвердить бронирование");
    assertThat(en.task("Task_ReviewConfirmBookingSlaBreach", "Review SLA breach: Confirm booking", null))
        .isEqualTo("Review SLA breach: Confirm booking");
    assertThat(ru.task("Task_FollowUp", "Follow up: Call", Map.of("subject", "Позвонить")::get))
        .isEqualTo("Напоминание: Позвонить");
    assertThat(ru.clock("seller")).isEqualTo("продавец");
    assertThat(en.clock("seller")).isEqualTo("seller");
    assertThat(ru.order(42)).isEqualTo("заказ 42");
    assertThat(en.order(42)).isEqualTo("order 42");
  }

  @Test
  void remindersOfOutsidePartiesAndChannelsAreInOneLanguage() {
    assertThat(ru.partyReminder("client", "reserve_payment_pending"))
        .isEqualTo("напомнить клиенту (этап «Ожидает оплаты резерва» просрочен)");
    assertThat(en.partyReminder("seller", "seller_check_in_progress"))
        .isEqualTo("remind the seller (\"Seller check in progress\" is overdue)");
    assertThat(ru.partyReminder("broker", "price_negotiation")).as("a party without a dative form")
        .isEqualTo("напомнить broker (этап «price_negotiation» просрочен)");
    assertThat(ru.task("Task_FollowUp", "Follow up: x", Map.of("subject", ru.partyReminder("client",
        "reserve_payment_pending"))::get)).isEqualTo("Напоминание: напомнить клиенту (этап «Ожидает оплаты резерва» "
        + "просрочен)");
    assertThat(ru.channel("phone")).isEqualTo("телефон");
    assertThat(en.channel("phone")).isEqualTo("phone");
    assertThat(ru.phrase("reminder.payment-overdue", Map.of("invoice", ru.phrase("reminder.invoice",
        Map.of("invoice", "INV-1"))))).isEqualTo("напомнить клиенту об оплате: платёж просрочен (счёт INV-1)");
  }

  @Test
  void aStageAddedInTheModelerReadsAsItsIdOrModelName() {
    assertThat(ru.stage("price_negotiation")).isEqualTo("price_negotiation");
    assertThat(ru.stage("price_negotiation", "Negotiate price")).isEqualTo("Negotiate price");
    assertThat(ru.stage("booked", "Confirm booking")).isEqualTo("Забронирован");
    assertThat(ru.task("Task_NegotiatePrice", "Negotiate price", null)).isEqualTo("Negotiate price");
  }

  /** Every stage and user task of the models in the repository reads in Russian (mails and Tasklist show them). */
  @Test
  void everyStageAndUserTaskOfTheModelsHasARussianName() throws Exception {
    var models = new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
        .getResources("classpath*:processes/*.bpmn");
    assertThat(models).isNotEmpty();
    java.util.List<String> untranslated = new java.util.ArrayList<>();
    for (var resource : models) {
      try (var in = resource.getInputStream()) {
        var model = org.camunda.bpm.model.bpmn.Bpmn.readModelFromStream(in);
        for (var task : model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.UserTask.class)) {
          if (ru.task(task.getId(), "\u0000", name -> "x").equals("\u0000")) {
            untranslated.add(resource.getFilename() + ": task " + task.getId());
          }
        }
        for (var property : model.getModelElementsByType(
            org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty.class)) {
          if ("stage".equals(property.getCamundaName())
              && ru.stage(property.getCamundaValue()).equals(property.getCamundaValue())) {
            untranslated.add(resource.getFilename() + ": stage " + property.getCamundaValue());
          }
        }
      }
    }
    assertThat(untranslated).as("names_ru.properties lacks").isEmpty();
  }

  @Test
  void timesInTheReadersZoneWithTheZoneNamed() {
    Instant noonUtc = Instant.parse("2026-12-02T12:00:00Z");
    assertThat(ru.dateTime(noonUtc)).isEqualTo("02.12.2026 15:00 МСК");
    assertThat(en.dateTime(noonUtc)).isEqualTo("2 Dec 2026, 15:00 MSK");
    assertThat(new DisplayNames("en", "Europe/Berlin").dateTime(noonUtc)).isEqualTo("2 Dec 2026, 13:00 Europe/Berlin");
  }
}
