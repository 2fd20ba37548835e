package com.cjmflow.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;

/** Helpers of the customer API tests: unique names, creating a customer, asserting a problem answer. */
abstract class CustomerTestSupport extends ApiTestSupport {

  static final String CUSTOMERS = "/api/v1/crm/customers";

  /** A token that keeps names, e-mails and external ids unique across tests and runs. */
  static String unique() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** Creates a customer as anna and returns its id; {@code extra} fields are added to the body. */
  long createCustomer(String displayName, String email, Map<String, Object> extra) {
    Map<String, Object> body = new HashMap<>(extra);
    body.put("displayName", displayName);
    if (email != null) {
      body.put("email", email);
    }
    ResponseEntity<String> created = call("anna", HttpMethod.POST, CUSTOMERS, body);
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    return read(created).get("id").asLong();
  }

  /** The answer is an RFC 9457 problem with this status. */
  void assertProblem(ResponseEntity<String> answer, HttpStatus status) {
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(status);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(read(answer).get("status").asInt()).isEqualTo(status.value());
  }
}
