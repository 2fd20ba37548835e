package com.cjmflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/** The business-calendar API: reads for everyone, edits for process owners only, and the due-date calculator. */
class CalendarApiIntegrationTest extends ApiTestSupport {

  private static final String BASE = "/api/v1/crm/sla/calendars";
  private static final String FRIDAY_17 = "2026-11-20T17:00:00+01:00";

  @Test
  void everyUserReadsTheSeededCalendars() {
    JsonNode page = read(call("anna", HttpMethod.GET, BASE + "?size=200", null));
    List<String> ids = new ArrayList<>();
    page.get("items").forEach(item -> ids.add(item.get("id").asText()));
    assertThat(ids).contains("ru-office", "ru-client", "warehouse", "seller-DE", "seller-NL", "seller-FR",
        "seller-IT", "seller-PL", "seller-ES", "seller-AT", "seller-BE", "always");

    JsonNode german = read(call("vera", HttpMethod.GET, BASE + "?country=DE&size=200", null));
    german.get("items").forEach(item -> assertThat(item.get("holidayCountry").asText()).isEqualTo("DE"));
    assertThat(german.get("items").findValuesAsText("id")).contains("seller-DE", "warehouse");

    JsonNode seller = read(call("anna", HttpMethod.GET, BASE + "/seller-DE", null));
    assertThat(seller.get("timeZone").asText()).isEqualTo("Europe/Berlin");
    assertThat(seller.get("workingHours").asText()).isEqualTo("Mon–Fri 09:00–18:00");
    assertThat(seller.get("hours")).hasSize(5);
    assertThat(seller.get("hours").get(0).get("start").asText()).isEqualTo("09:00");
    int year = java.time.Year.now(java.time.ZoneId.of("Europe/Berlin")).getValue();
    assertThat(seller.get("publicHolidays").findValuesAsText("date"))
        .contains(year + "-12-25", (year + 1) + "-12-25", year + "-01-01", (year + 1) + "-01-01");
    assertThat(seller.get("publicHolidays").findValuesAsText("name")).contains("1st Christmas day");

    JsonNode always = read(call("lev", HttpMethod.GET, BASE + "/always", null));
    assertThat(always.get("hours")).hasSize(7);
    assertThat(always.get("hours").get(6).get("end").asText()).isEqualTo("24:00");
    assertThat(always.get("publicHolidays")).isEmpty();
  }

  @Test
  void theCalculatorExplainsTheDueDate() {
    ResponseEntity<String> answer = call("anna", HttpMethod.POST, BASE + "/seller-DE/due",
        Map.of("start", "2026-12-24T17:00:00+01:00", "duration", "PT2H"));
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(read(answer).get("dueAt").asText()).isEqualTo("2026-12-28T10:00:00+01:00");
    assertThat(read(answer).get("explanation").asText()).isEqualTo("2 business hours in seller-DE (Europe/Berlin,"
        + " Mon–Fri 09:00–18:00), skips 2026-12-25 1st Christmas day, 2026-12-26 2nd Christmas day");

    JsonNode days = read(call("anna", HttpMethod.POST, BASE + "/ru-office/due",
        Map.of("start", "2026-11-27T12:00:00Z", "duration", "P1DT4H")));
    // Friday 15:00 Moscow + 1 working day = Monday 15:00, + 4 hours = 3 on Monday and 1 on Tuesday
    assertThat(days.get("dueAt").asText()).isEqualTo("2026-12-01T10:00:00+03:00");
    assertThat(days.get("explanation").asText()).startsWith("1 business day + 4 business hours in ru-office");
  }

  @Test
  void editsByTheProcessOwnerChangeTheNextCalculation() {
    String id = newCalendar();
    assertThat(due(id)).isEqualTo("2026-11-23T10:00:00+01:00");

    ResponseEntity<String> holiday = call("olga", HttpMethod.PUT, BASE + "/" + id + "/days/2026-11-23",
        Map.of("kind", "holiday", "name", "Stocktaking"));
    assertThat(holiday.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(read(holiday).get("extraDays").get(0).get("name").asText()).isEqualTo("Stocktaking");
    assertThat(due(id)).isEqualTo("2026-11-24T10:00:00+01:00");
    assertThat(read(call("anna", HttpMethod.POST, BASE + "/" + id + "/due",
        Map.of("start", FRIDAY_17, "duration", "PT2H"))).get("explanation").asText())
        .endsWith("skips 2026-11-23 Stocktaking");

    assertThat(call("olga", HttpMethod.PUT, BASE + "/" + id + "/hours", Map.of("hours", List.of(
        Map.of("weekday", 5, "start", "09:00", "end", "18:00"),
        Map.of("weekday", 6, "start", "10:00", "end", "24:00")))).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(due(id)).isEqualTo("2026-11-21T11:00:00+01:00");
    assertThat(jdbc.queryForObject("select updated_by from crm_business_calendars where id = ?", String.class, id))
        .isEqualTo("olga");

    assertThat(call("olga", HttpMethod.DELETE, BASE + "/" + id + "/days/2026-11-23", null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(jdbc.queryForObject("select count(*) from crm_business_calendar_days where calendar_id = ?",
        Long.class, id)).isZero();
    assertThat(call("olga", HttpMethod.DELETE, BASE + "/" + id + "/days/2026-11-23", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void othersMayNotEditAndNothingIsWritten() {
    String id = newCalendar();
    long hours = count("crm_business_calendar_hours");
    long days = count("crm_business_calendar_days");
    List<ResponseEntity<String>> answers = List.of(
        call("anna", HttpMethod.PUT, BASE + "/" + id + "/hours",
            Map.of("hours", List.of(Map.of("weekday", 1, "start", "08:00", "end", "12:00")))),
        call("galina", HttpMethod.PUT, BASE + "/" + id + "/days/2026-11-23",
            Map.of("kind", "holiday", "name", "Nope")),
        call("anna", HttpMethod.DELETE, BASE + "/" + id + "/days/2026-11-23", null));
    for (ResponseEntity<String> answer : answers) {
      assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }
    assertThat(count("crm_business_calendar_hours")).isEqualTo(hours);
    assertThat(count("crm_business_calendar_days")).isEqualTo(days);
    assertThat(jdbc.queryForObject("select updated_by from crm_business_calendars where id = ?", String.class, id))
        .isEqualTo("test");
    assertThat(call(null, HttpMethod.GET, BASE, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void invalidInputIsRefusedAndWritesNothing() {
    String id = newCalendar();
    long hours = count("crm_business_calendar_hours");
    long days = count("crm_business_calendar_days");
    Map<Object, HttpStatus> hourBodies = Map.of(
        List.of(Map.of("weekday", 1, "start", "18:00", "end", "09:00")), HttpStatus.BAD_REQUEST,
        List.of(Map.of("weekday", 8, "start", "09:00", "end", "18:00")), HttpStatus.BAD_REQUEST,
        List.of(Map.of("weekday", 1, "start", "25:00", "end", "26:00")), HttpStatus.BAD_REQUEST,
        List.of(Map.of("weekday", 1, "start", "09:00", "end", "18:00", "lunch", "13:00")), HttpStatus.BAD_REQUEST,
        List.of(Map.of("weekday", 2, "start", "09:00", "end", "18:00"),
            Map.of("weekday", 2, "start", "10:00", "end", "12:00")), HttpStatus.UNPROCESSABLE_ENTITY,
        List.of(), HttpStatus.UNPROCESSABLE_ENTITY);
    hourBodies.forEach((body, status) -> assertProblem(
        call("olga", HttpMethod.PUT, BASE + "/" + id + "/hours", Map.of("hours", body)), status));
    assertProblem(call("olga", HttpMethod.PUT, BASE + "/" + id + "/days/2026-11-23",
        Map.of("kind", "vacation", "name", "x")), HttpStatus.BAD_REQUEST);
    assertProblem(call("olga", HttpMethod.PUT, BASE + "/" + id + "/days/2026-11-23", Map.of("kind", "holiday")),
        HttpStatus.BAD_REQUEST);
    assertProblem(call("olga", HttpMethod.PUT, BASE + "/" + id + "/days/2026-13-01",
        Map.of("kind", "holiday", "name", "x")), HttpStatus.BAD_REQUEST);
    for (Object duration : List.of("PT-1H", "1 hour", "P1M", "PT0S", "P", "PT", "P367D", "PT9000H")) {
      assertProblem(call("anna", HttpMethod.POST, BASE + "/" + id + "/due",
          Map.of("start", FRIDAY_17, "duration", duration)), HttpStatus.BAD_REQUEST);
    }
    assertProblem(call("anna", HttpMethod.POST, BASE + "/" + id + "/due", Map.of("duration", "PT1H")),
        HttpStatus.BAD_REQUEST);
    assertProblem(call("anna", HttpMethod.GET, BASE + "?country=Germany", null), HttpStatus.BAD_REQUEST);
    assertThat(count("crm_business_calendar_hours")).isEqualTo(hours);
    assertThat(count("crm_business_calendar_days")).isEqualTo(days);
    assertThat(due(id)).isEqualTo("2026-11-23T10:00:00+01:00");
  }

  @Test
  void unknownCalendarsAnswer404() {
    String path = BASE + "/no-such-calendar";
    assertProblem(call("anna", HttpMethod.GET, path, null), HttpStatus.NOT_FOUND);
    assertProblem(call("anna", HttpMethod.POST, path + "/due", Map.of("start", FRIDAY_17, "duration", "PT1H")),
        HttpStatus.NOT_FOUND);
    assertProblem(call("olga", HttpMethod.PUT, path + "/hours",
        Map.of("hours", List.of(Map.of("weekday", 1, "start", "09:00", "end", "18:00")))), HttpStatus.NOT_FOUND);
    assertProblem(call("olga", HttpMethod.PUT, path + "/days/2026-11-23", Map.of("kind", "holiday", "name", "x")),
        HttpStatus.NOT_FOUND);
    assertProblem(call("olga", HttpMethod.DELETE, path + "/days/2026-11-23", null), HttpStatus.NOT_FOUND);
    assertThat(read(call("anna", HttpMethod.GET, path, null)).get("type").asText())
        .isEqualTo("urn:cjm:problem:not-found");
  }

  /** A calendar of its own (Berlin, DE holidays, Mon–Fri 09:00–18:00), so that edits touch no shared data. */
  private String newCalendar() {
    String id = "it-" + UUID.randomUUID().toString().substring(0, 8);
    jdbc.update("insert into crm_business_calendars (id, name, time_zone, holiday_country, updated_at, updated_by)"
        + " values (?, 'Test', 'Europe/Berlin', 'DE', current_timestamp, 'test')", id);
    jdbc.update("insert into crm_business_calendar_hours (calendar_id, weekday, start_time, end_time)"
        + " select ?, weekday, start_time, end_time from crm_business_calendar_hours where calendar_id = 'seller-DE'",
        id);
    return id;
  }

  /** Friday 17:00 + 2 business hours. */
  private String due(String id) {
    ResponseEntity<String> answer = call("anna", HttpMethod.POST, BASE + "/" + id + "/due",
        Map.of("start", FRIDAY_17, "duration", "PT2H"));
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
    return read(answer).get("dueAt").asText();
  }

  private void assertProblem(ResponseEntity<String> answer, HttpStatus status) {
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(status);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }
}
