package com.cjmflow.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

/** A customer's channel map, preferences and owning manager. */
class CustomerDetailsIntegrationTest extends CustomerTestSupport {

  @Test
  void aPrimaryChannelDemotesTheOtherPrimaryOfItsType() {
    long id = createCustomer("Channels " + unique(), null, Map.of());
    String path = CUSTOMERS + "/" + id + "/channels";

    ResponseEntity<String> first = call("anna", HttpMethod.POST, path,
        Map.of("channel", "email", "address", "First@Example.ru", "primary", true));
    call("anna", HttpMethod.POST, path, Map.of("channel", "telegram", "address", "@ivan", "primary", true));
    ResponseEntity<String> second = call("anna", HttpMethod.POST, path,
        Map.of("channel", "email", "address", "second@example.ru", "primary", true, "consent", false));

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(read(first).get("address").asText()).isEqualTo("first@example.ru");
    assertThat(read(first).get("consent").asBoolean()).isTrue();
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(read(second).get("consent").asBoolean()).isFalse();
    assertThat(jdbc.queryForList("""
        select address from crm_contact_channels where customer_id = ? and is_primary order by address""",
        String.class, id)).containsExactly("@ivan", "second@example.ru");
  }

  @Test
  void aDuplicateOrInvalidChannelIsRefusedAndWritesNothing() {
    long id = createCustomer("Channels " + unique(), null, Map.of());
    String path = CUSTOMERS + "/" + id + "/channels";
    call("anna", HttpMethod.POST, path, Map.of("channel", "phone", "address", "+7 900 5", "primary", true));
    call("anna", HttpMethod.POST, path, Map.of("channel", "email", "address", "dup@example.ru"));
    long channels = count("crm_contact_channels");

    assertProblem(call("anna", HttpMethod.POST, path, Map.of("channel", "email", "address", "DUP@example.ru",
        "primary", true)), HttpStatus.CONFLICT);
    for (Object body : List.of(Map.of("channel", "fax", "address", "1"), Map.of("channel", "email", "address", "x"),
        Map.of("channel", "vk"), Map.of("channel", "vk", "address", "id1", "pager", true), "{")) {
      assertProblem(call("anna", HttpMethod.POST, path, body), HttpStatus.BAD_REQUEST);
    }
    assertProblem(call("anna", HttpMethod.POST, CUSTOMERS + "/999999999/channels",
        Map.of("channel", "vk", "address", "id1")), HttpStatus.NOT_FOUND);

    assertThat(count("crm_contact_channels")).isEqualTo(channels);
    assertThat(jdbc.queryForObject("select is_primary from crm_contact_channels where customer_id = ? and "
        + "channel = 'phone'", Boolean.class, id)).isTrue();
  }

  @Test
  void aPreferenceIsSetAndReplacedUnderItsKey() {
    long id = createCustomer("Prefs " + unique(), null, Map.of());

    ResponseEntity<String> set = call("anna", HttpMethod.PUT, CUSTOMERS + "/" + id + "/preferences/delivery.city",
        Map.of("value", "Moscow"));
    ResponseEntity<String> replaced = call("anna", HttpMethod.PUT,
        CUSTOMERS + "/" + id + "/preferences/delivery.city", Map.of("value", "Kazan", "kind", "constraint"));

    assertThat(set.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(read(set).get("kind").asText()).isEqualTo("preference");
    assertThat(replaced.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode preference = read(replaced);
    assertThat(preference.get("key").asText()).isEqualTo("delivery.city");
    assertThat(preference.get("value").asText()).isEqualTo("Kazan");
    assertThat(preference.get("kind").asText()).isEqualTo("constraint");
    assertThat(jdbc.queryForList("select pref_value from customer_preferences where customer_id = ?",
        String.class, id)).containsExactly("Kazan");
  }

  @Test
  void anInvalidPreferenceIsRefusedAndWritesNothing() {
    long id = createCustomer("Prefs " + unique(), null, Map.of());
    String path = CUSTOMERS + "/" + id + "/preferences/";
    long preferences = count("customer_preferences");

    assertProblem(call("anna", HttpMethod.PUT, path + "Frame_Size", Map.of("value", "56")), HttpStatus.BAD_REQUEST);
    assertProblem(call("anna", HttpMethod.PUT, path + "x".repeat(101), Map.of("value", "56")),
        HttpStatus.BAD_REQUEST);
    for (Object body : List.of(Map.of(), Map.of("value", " "), Map.of("value", "56", "kind", "wish"),
        Map.of("value", "56", "weight", 1))) {
      assertProblem(call("anna", HttpMethod.PUT, path + "frame_size", body), HttpStatus.BAD_REQUEST);
    }
    assertProblem(call("anna", HttpMethod.PUT, CUSTOMERS + "/999999999/preferences/frame_size",
        Map.of("value", "56")), HttpStatus.NOT_FOUND);

    assertThat(count("customer_preferences")).isEqualTo(preferences);
  }

  @Test
  void reassigningTheOwnerKeepsTheHistory() {
    long id = createCustomer("Owned " + unique(), null, Map.of());
    String path = CUSTOMERS + "/" + id + "/owner";

    ResponseEntity<String> first = call("galina", HttpMethod.PUT, path, Map.of("managerId", "anna"));
    ResponseEntity<String> second = call("galina", HttpMethod.PUT, path, Map.of("managerId", "boris"));
    ResponseEntity<String> again = call("anna", HttpMethod.PUT, path, Map.of("managerId", "boris"));

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(read(first)).hasSize(1);
    assertThat(read(first).at("/0/assignedBy").asText()).isEqualTo("galina");
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode history = read(again);
    assertThat(history).hasSize(2);
    assertThat(history.at("/0/managerId").asText()).isEqualTo("boris");
    assertThat(history.at("/0/unassignedAt").isNull()).isTrue();
    assertThat(history.at("/1/managerId").asText()).isEqualTo("anna");
    assertThat(history.at("/1/unassignedAt").isNull()).isFalse();
    assertThat(count("customer_manager_links where customer_id = " + id)).isEqualTo(2);
    assertThat(jdbc.queryForList("""
        select after_value from manager_activity_events where customer_id = ? and action = 'assign' order by id""",
        String.class, id)).containsExactly("anna", "boris");
  }

  @Test
  void onlySalesManagersAndHeadsOfSalesOwnCustomers() {
    long id = createCustomer("Owned " + unique(), null, Map.of());
    String path = CUSTOMERS + "/" + id + "/owner";
    call("galina", HttpMethod.PUT, path, Map.of("managerId", "anna"));
    long links = count("customer_manager_links");

    for (String user : List.of("nobody", "vera", "olga")) {
      ResponseEntity<String> answer = call("galina", HttpMethod.PUT, path, Map.of("managerId", user));
      assertProblem(answer, HttpStatus.UNPROCESSABLE_ENTITY);
      assertThat(read(answer).get("type").asText()).isEqualTo("urn:cjm:problem:rule-violation");
    }
    assertThat(call("galina", HttpMethod.PUT, path, Map.of("managerId", "galina")).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertProblem(call("galina", HttpMethod.PUT, path, Map.of()), HttpStatus.BAD_REQUEST);
    assertProblem(call("galina", HttpMethod.PUT, CUSTOMERS + "/999999999/owner", Map.of("managerId", "anna")),
        HttpStatus.NOT_FOUND);

    assertThat(count("customer_manager_links")).isEqualTo(links + 1);
  }
}
