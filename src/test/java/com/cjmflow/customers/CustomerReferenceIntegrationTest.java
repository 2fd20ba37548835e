package com.cjmflow.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

/** Seed 004 §4: the customer in the served reference shape, and scores written back with time and source. */
class CustomerReferenceIntegrationTest extends CustomerTestSupport {

  @Test
  void customerInTheReferenceShapeWithAStableUuid() {
    String u = unique();
    long id = createCustomer("Müller Agrar GmbH " + u, u + "@example.de", Map.of("type", "company",
        "externalIds", List.of(Map.of("system", "sap", "value", "S" + u))));
    JsonNode reference = read(ok(call("galina", HttpMethod.GET, "/api/v1/customers/" + id, null)));
    assertThat(reference.get("customer_id").asText()).matches("[0-9a-f-]{36}");
    assertThat(reference.get("internal_id").asLong()).isEqualTo(id);
    assertThat(reference.get("type").asText()).isEqualTo("company");
    assertThat(reference.get("display_name").asText()).isEqualTo("Müller Agrar GmbH " + u);
    assertThat(reference.get("status").asText()).isEqualTo("active");
    assertThat(reference.get("master_domain_owner").asText()).isEqualTo("crm-core");
    assertThat(reference.at("/external_ids/0/system").asText()).isEqualTo("sap");
    assertThat(reference.at("/external_ids/0/value").asText()).isEqualTo("S" + u);
    assertThat(read(ok(call("anna", HttpMethod.GET, "/api/v1/customers/" + id, null))).get("customer_id"))
        .as("the same UUID on every read").isEqualTo(reference.get("customer_id"));

    var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(
        read(ok(call("galina", HttpMethod.GET, "/api/v1/customers/schema", null))),
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    assertThat(schema.validate(reference)).isEmpty();
    assertProblem(call("galina", HttpMethod.GET, "/api/v1/customers/999999999", null), HttpStatus.NOT_FOUND);
  }

  @Test
  void scoresAreStoredWithTimeAndSourceAndTheNewestCounts() {
    String u = unique();
    long id = createCustomer("Scored " + u, u + "@example.ru", Map.of());
    String path = "/api/v1/customers/" + id + "/scores";
    ok(call("booking", HttpMethod.PATCH, path, Map.of("lead", 71.5, "churn", 12, "source", "crm-analytics",
        "scoredAt", "2026-11-30T02:00:00Z")));
    JsonNode after = read(ok(call("booking", HttpMethod.PATCH, path, Map.of("risk", 40.25, "churn", 18,
        "source", "risk-model-v2", "scoredAt", "2026-12-01T02:00:00Z"))));
    assertThat(after.at("/scores/lead/score").decimalValue()).isEqualByComparingTo("71.5");
    assertThat(after.at("/scores/lead/source").asText()).isEqualTo("crm-analytics");
    assertThat(after.at("/scores/churn/score").decimalValue()).isEqualByComparingTo("18");
    assertThat(after.at("/scores/churn/source").asText()).isEqualTo("risk-model-v2");
    assertThat(after.at("/scores/risk/scored_at").asText()).startsWith("2026-12-01T02:00");
    assertThat(jdbc.queryForObject("select count(*) from customer_scores where customer_id = ?", Long.class, id))
        .as("every write kept").isEqualTo(4);

    assertProblem(call("booking", HttpMethod.PATCH, path, Map.of("source", "x")), HttpStatus.BAD_REQUEST);
    assertProblem(call("booking", HttpMethod.PATCH, path, Map.of("lead", 101, "source", "x")),
        HttpStatus.BAD_REQUEST);
    assertProblem(call("booking", HttpMethod.PATCH, path, Map.of("lead", 1)), HttpStatus.BAD_REQUEST);
    assertProblem(call("booking", HttpMethod.PATCH, path, Map.of("lead", 1, "source", "x", "bogus", 1)),
        HttpStatus.BAD_REQUEST);
    assertProblem(call("anna", HttpMethod.PATCH, path, Map.of("lead", 1, "source", "x")), HttpStatus.FORBIDDEN);
    assertProblem(call("booking", HttpMethod.PATCH, "/api/v1/customers/999999999/scores",
        Map.of("lead", 1, "source", "x")), HttpStatus.NOT_FOUND);
    assertThat(jdbc.queryForObject("select count(*) from customer_scores where customer_id = ?", Long.class, id))
        .isEqualTo(4);
  }

  private static ResponseEntity<String> ok(ResponseEntity<String> answer) {
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
    return answer;
  }
}
