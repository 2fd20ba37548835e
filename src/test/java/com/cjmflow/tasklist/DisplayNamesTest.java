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
  void aStageAddedInTheModelerReadsAsItsIdOrModelName() {
    assertThat(ru.stage("price_negotiation")).isEqualTo("price_negotiation");
    assertThat(ru.task("Task_NegotiatePrice", "Negotiate price", null)).isEqualTo("Negotiate price");
  }

  @Test
  void timesInTheReadersZoneWithTheZoneNamed() {
    Instant noonUtc = Instant.parse("2026-12-02T12:00:00Z");
    assertThat(ru.dateTime(noonUtc)).isEqualTo("02.12.2026 15:00 МСК");
    assertThat(en.dateTime(noonUtc)).isEqualTo("2 Dec 2026, 15:00 MSK");
    assertThat(new DisplayNames("en", "Europe/Berlin").dateTime(noonUtc)).isEqualTo("2 Dec 2026, 13:00 Europe/Berlin");
  }
}
