package com.cjmflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a manager gets in Tasklist: a Russian task name with the order, the order's context and SLA due on the form,
 * the next task assigned to them, the filters, a working "Book an order" start form, no internal processes to start.
 */
class TasklistIntegrationTest extends ApiTestSupport {

  @Test
  void aTaskCarriesTheOrdersContextAndTheNextOneGoesToTheSameManager() {
    JsonNode booked = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders",
        booking("tl-" + UUID.randomUUID(), false, false)));
    long orderId = booked.get("orderId").asLong();
    String pi = booked.get("processInstanceId").asText();

    JsonNode task = single("anna", pi, "Task_ConfirmBooking");
    assertThat(task.get("name").asText()).isEqualTo("Подтвердить бронирование — заказ " + orderId);
    assertThat(task.get("due").isNull()).as("the SLA due date").isFalse();
    assertThat(task.get("assignee").isNull()).as("the first task waits for a claim").isTrue();

    JsonNode variables = read(call("anna", HttpMethod.GET, "/engine-rest/task/" + task.get("id").asText()
        + "/form-variables", null));
    assertThat(variables.at("/customerName/value").asText()).isEqualTo("Ivan Petrov");
    assertThat(variables.at("/bikeTitle/value").asText()).isEqualTo("Canyon Ultimate CF SL 2022");
    assertThat(variables.at("/sellerCountry/value").asText()).isEqualTo("DE");
    assertThat(variables.at("/priceEur/value").asDouble()).isEqualTo(1850.0);
    assertThat(variables.at("/customerChannel/value").asText()).isNotBlank();
    assertThat(variables.at("/slaDue/value").asText()).endsWith("МСК");
    assertThat(variables.at("/slaClock/value").asText()).isEqualTo("менеджер");
    assertThat(variables.at("/orderLink/value").asText()).endsWith("/api/v1/crm/orders/" + orderId);
    String form = call("anna", HttpMethod.GET, "/engine-rest/task/" + task.get("id").asText() + "/deployed-form",
        null).getBody();
    assertThat(form).contains("Text_OrderContext", "{{customerName}}", "{{bikeTitle}}", "{{slaDue}}");

    work("anna", pi, "Task_ConfirmBooking", Map.of("reserveRequired", false));

    JsonNode next = single("anna", pi, "Task_CheckBikeWithSeller");
    assertThat(next.get("assignee").asText()).as("continuity").isEqualTo("anna");
    assertThat(read(call("boris", HttpMethod.GET, "/engine-rest/task?processInstanceId=" + pi, null)))
        .as("still visible to the role").hasSize(1);
    JsonNode prefilled = read(call("anna", HttpMethod.GET, "/engine-rest/task/" + next.get("id").asText()
        + "/form-variables", null));
    assertThat(prefilled.at("/confirmedPriceEur/value").asDouble()).isEqualTo(1850.0);
  }

  @Test
  void aManagerBooksAnOrderFromTasklistsStartForm() {
    JsonNode definition = read(call("anna", HttpMethod.GET,
        "/engine-rest/process-definition/key/order-flow", null));
    ResponseEntity<String> form = call("anna", HttpMethod.GET,
        "/engine-rest/process-definition/" + definition.get("id").asText() + "/deployed-start-form", null);
    assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(form.getBody()).contains("book-order", "customerName", "bikeTitle");

    String externalId = "tl-start-" + UUID.randomUUID();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("externalId", externalId);
    values.put("customerName", "Пётр Сидоров");
    values.put("customerPhone", "+7 900 111-22-33");
    values.put("customerTier", "standard");
    values.put("bikeTitle", "Specialized Tarmac SL7");
    values.put("sellerCountry", "IT");
    values.put("priceEur", 2400);
    values.put("reserveRequired", false);
    values.put("expertInspection", false);
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    ResponseEntity<String> started = call("anna", HttpMethod.POST,
        "/engine-rest/process-definition/" + definition.get("id").asText() + "/submit-form",
        Map.of("variables", variables));
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
    String pi = read(started).get("id").asText();

    Long orderId = jdbc.queryForObject("select id from orders where external_id = ?", Long.class, externalId);
    assertThat(read(started).get("businessKey").asText()).isEqualTo(String.valueOf(orderId));
    JsonNode task = single("anna", pi, "Task_ConfirmBooking");
    assertThat(task.get("name").asText()).isEqualTo("Подтвердить бронирование — заказ " + orderId);
  }

  @Test
  void internalProcessesAreNotStartableFromTasklist() {
    JsonNode startable = read(call("galina", HttpMethod.GET,
        "/engine-rest/process-definition?latestVersion=true&startableInTasklist=true&startablePermissionCheck=true",
        null));
    List<String> keys = new java.util.ArrayList<>();
    startable.forEach(d -> keys.add(d.get("key").asText()));
    assertThat(keys).contains("order-flow", "manager-followup")
        .doesNotContain("kpi-nightly-recompute", "touchpoint-reply-window");
  }

  @Test
  void theFiltersAManagerExpects() {
    assertThat(filterNames("anna")).contains("Мои задачи", "Задачи моих ролей", "Просроченные", "Срок сегодня")
        .doesNotContain("Нарушения SLA");
    assertThat(filterNames("galina")).contains("Нарушения SLA", "Просроченные", "Все открытые задачи");
    JsonNode mine = read(call("anna", HttpMethod.GET, "/engine-rest/filter?resourceType=Task", null));
    // the service's filters (other tests may leave filters of their own that anna can read)
    mine.forEach(filter -> {
      if (filter.at("/properties/cjmFilter").isTextual()) {
        assertThat(filter.at("/properties/variables").toString()).contains("customerName", "bikeTitle");
      }
    });
    assertThat(mine.findValues("cjmFilter")).hasSizeGreaterThanOrEqualTo(4);
  }

  private List<String> filterNames(String user) {
    List<String> names = new java.util.ArrayList<>();
    read(call(user, HttpMethod.GET, "/engine-rest/filter?resourceType=Task", null))
        .forEach(filter -> names.add(filter.get("name").asText()));
    return names;
  }

  private JsonNode single(String user, String processInstanceId, String activityId) {
    JsonNode tasks = read(call(user, HttpMethod.GET, "/engine-rest/task?processInstanceId=" + processInstanceId
        + "&taskDefinitionKey=" + activityId, null));
    assertThat(tasks).as("%s sees %s", user, activityId).hasSize(1);
    return tasks.get(0);
  }
}
