package com.cjmflow.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

/** Creating, reading, changing and listing customer profiles. */
class CustomerIntegrationTest extends CustomerTestSupport {

  @Test
  void createsACustomerWithDefaultsAndExternalIds() {
    String token = unique();
    ResponseEntity<String> created = call("anna", HttpMethod.POST, CUSTOMERS, Map.of("displayName", " Ivan Petrov ",
        "email", "Ivan." + token + "@Example.ru", "phone", "+7 900 111-22-33",
        "externalIds", List.of(Map.of("system", "site", "value", "site-" + token),
            Map.of("system", "SAP", "value", "sap-" + token))));

    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode customer = read(created);
    long id = customer.get("id").asLong();
    assertThat(created.getHeaders().getLocation()).hasToString(CUSTOMERS + "/" + id);
    assertThat(customer.get("displayName").asText()).isEqualTo("Ivan Petrov");
    assertThat(customer.get("type").asText()).isEqualTo("person");
    assertThat(customer.get("status").asText()).isEqualTo("active");
    assertThat(customer.get("tier").asText()).isEqualTo("standard");
    assertThat(customer.get("email").asText()).isEqualTo("ivan." + token + "@example.ru");

    JsonNode profile = read(call("boris", HttpMethod.GET, CUSTOMERS + "/" + id + "/profile", null));
    assertThat(profile.get("phone").asText()).isEqualTo("+7 900 111-22-33");
    assertThat(profile.get("externalIds")).hasSize(2);
    assertThat(profile.at("/externalIds/0/system").asText()).isEqualTo("sap");
    assertThat(profile.at("/externalIds/1/value").asText()).isEqualTo("site-" + token);
    assertThat(profile.get("createdAt").asText()).matches(".*(Z|[+-]\\d\\d:\\d\\d)$");
  }

  @Test
  void anExternalIdOfAnotherCustomerIsAConflictAndWritesNothing() {
    String token = unique();
    createCustomer("First " + token, null, Map.of("externalIds", List.of(Map.of("system", "site", "value", token))));
    long customers = count("customers");
    long externalIds = count("customer_external_ids");

    ResponseEntity<String> second = call("anna", HttpMethod.POST, CUSTOMERS, Map.of("displayName", "Second " + token,
        "externalIds", List.of(Map.of("system", "crm", "value", "other-" + token),
            Map.of("system", "site", "value", token))));

    assertProblem(second, HttpStatus.CONFLICT);
    assertThat(read(second).get("type").asText()).isEqualTo("urn:cjm:problem:state-conflict");
    assertThat(count("customers")).isEqualTo(customers);
    assertThat(count("customer_external_ids")).isEqualTo(externalIds);
  }

  @Test
  void invalidCustomersAreRefusedAndWriteNothing() {
    long customers = count("customers");
    long externalIds = count("customer_external_ids");

    List<Object> bodies = List.of(Map.of("email", "x@example.ru"), Map.of("displayName", "  "),
        Map.of("displayName", "A", "type", "robot"), Map.of("displayName", "A", "status", "deleted"),
        Map.of("displayName", "A", "tier", "gold"), Map.of("displayName", "A", "email", "not-an-email"),
        Map.of("displayName", "A", "discount", 5),
        Map.of("displayName", "A", "externalIds", List.of(Map.of("system", "s a p", "value", "1"))),
        Map.of("displayName", "A", "externalIds", List.of(Map.of("system", "sap"))), "{not json");
    for (Object body : bodies) {
      assertProblem(call("anna", HttpMethod.POST, CUSTOMERS, body), HttpStatus.BAD_REQUEST);
    }

    assertThat(count("customers")).isEqualTo(customers);
    assertThat(count("customer_external_ids")).isEqualTo(externalIds);
  }

  @Test
  void patchChangesOnlyTheFieldsPresent() {
    String token = unique();
    long id = createCustomer("Olga " + token, "olga." + token + "@example.ru", Map.of("phone", "+7 900 1"));

    ResponseEntity<String> patched = call("anna", HttpMethod.PATCH, CUSTOMERS + "/" + id,
        Map.of("tier", "vip", "type", "company", "phone", ""));

    assertThat(patched.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode profile = read(patched);
    assertThat(profile.get("tier").asText()).isEqualTo("vip");
    assertThat(profile.get("type").asText()).isEqualTo("company");
    assertThat(profile.get("phone").isNull()).isTrue();
    assertThat(profile.get("displayName").asText()).isEqualTo("Olga " + token);
    assertThat(profile.get("email").asText()).isEqualTo("olga." + token + "@example.ru");
    assertThat(profile.get("status").asText()).isEqualTo("active");
  }

  @Test
  void invalidPatchesAreRefusedAndChangeNothing() {
    String token = unique();
    long id = createCustomer("Pavel " + token, "pavel." + token + "@example.ru", Map.of());
    Map<String, Object> before = jdbc.queryForMap("select * from customers where id = ?", id);

    for (Object body : List.of(Map.of("tier", "gold"), Map.of("displayName", " "), Map.of("email", "nope"),
        Map.of("tier", "vip", "nickname", "P"), Map.of("status", "sleeping"), "{broken")) {
      assertProblem(call("anna", HttpMethod.PATCH, CUSTOMERS + "/" + id, body), HttpStatus.BAD_REQUEST);
    }

    assertThat(jdbc.queryForMap("select * from customers where id = ?", id)).isEqualTo(before);
  }

  @Test
  void unknownCustomersAnswer404() {
    for (ResponseEntity<String> answer : List.of(
        call("anna", HttpMethod.GET, CUSTOMERS + "/999999999/profile", null),
        call("anna", HttpMethod.PATCH, CUSTOMERS + "/999999999", Map.of("tier", "vip")),
        call("anna", HttpMethod.GET, CUSTOMERS + "/999999999", null))) {
      assertProblem(answer, HttpStatus.NOT_FOUND);
      assertThat(read(answer).get("type").asText()).isEqualTo("urn:cjm:problem:not-found");
    }
  }

  @Test
  void listFiltersByTextTierAndOwnerAndPages() {
    String token = unique();
    long alpha = createCustomer("Alpha " + token, "alpha." + token + "@example.ru", Map.of("tier", "vip"));
    createCustomer("Beta " + token, null, Map.of("phone", "+7 " + token));
    createCustomer("Gamma", "gamma." + token + "@example.ru", Map.of());
    call("galina", HttpMethod.PUT, CUSTOMERS + "/" + alpha + "/owner", Map.of("managerId", "boris"));

    JsonNode all = read(call("anna", HttpMethod.GET, CUSTOMERS + "?q=" + token.toUpperCase(), null));
    assertThat(all.get("total").asLong()).isEqualTo(3);
    assertThat(all.at("/items/0/displayName").asText()).isEqualTo("Alpha " + token);
    assertThat(all.at("/items/0/ownerManagerId").asText()).isEqualTo("boris");

    JsonNode vip = read(call("anna", HttpMethod.GET, CUSTOMERS + "?q=" + token + "&tier=vip", null));
    assertThat(vip.get("items")).hasSize(1);
    JsonNode owned = read(call("anna", HttpMethod.GET, CUSTOMERS + "?q=" + token + "&ownerManagerId=boris", null));
    assertThat(owned.at("/items/0/id").asLong()).isEqualTo(alpha);
    assertThat(owned.get("total").asLong()).isEqualTo(1);

    JsonNode second = read(call("anna", HttpMethod.GET, CUSTOMERS + "?q=" + token + "&page=1&size=2", null));
    assertThat(second.get("items")).hasSize(1);
    assertThat(second.at("/items/0/displayName").asText()).isEqualTo("Gamma");
    assertThat(read(call("anna", HttpMethod.GET, CUSTOMERS + "?q=%25" + token, null)).get("total").asLong())
        .isZero();

    for (String bad : List.of("?size=201", "?size=0", "?page=-1", "?tier=gold", "?page=x")) {
      assertProblem(call("anna", HttpMethod.GET, CUSTOMERS + bad, null), HttpStatus.BAD_REQUEST);
    }
  }
}
