package com.cjmflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * §4 of the security review: bad input answers 400 with an RFC 9457 body and changes nothing, on our API, on the
 * engine REST API and at Tomcat's level. Each payload would have left a marker (an order, a variable) had it passed.
 */
class BadInputAttackTest extends ApiTestSupport {

  @LocalServerPort int port;

  private static final String BOOKING = """
      {"externalId": "%s", "customer": {"name": "%s", "email": "%s@example.ru", "tier": "standard"},
       "bike": {"title": "Canyon", "sellerCountry": "DE", "priceEur": 1850}}""";

  @Test
  void aRepeatedJsonKeyIsRefused() {
    String body = BOOKING.formatted("bad-dup-1", "Ivan", "bad-dup-1").replaceFirst("\\{", "{\"externalId\": \"bad-dup-0\",");

    ResponseEntity<String> answer = call("booking", HttpMethod.POST, "/api/v1/crm/orders", body);

    assertProblem(answer, HttpStatus.BAD_REQUEST, "urn:cjm:problem:invalid-json");
    assertThat(read(answer).get("detail").asText()).contains("Duplicate field 'externalId'");
    assertThat(count("orders where external_id in ('bad-dup-0', 'bad-dup-1')")).isZero();
  }

  @Test
  void aNulCharacterIsRefusedInValuesAndKeys() {
    ResponseEntity<String> inValue = call("booking", HttpMethod.POST, "/api/v1/crm/orders",
        BOOKING.formatted("bad-nul-1", "Iv\\u0000an", "bad-nul-1"));
    ResponseEntity<String> inExternalId = call("booking", HttpMethod.POST, "/api/v1/crm/orders",
        BOOKING.formatted("bad-nul-2\\u0000", "Ivan", "bad-nul-2"));
    ResponseEntity<String> inKey = call("booking", HttpMethod.POST, "/api/v1/interactions",
        "{\"type\": \"x\", \"a\\u0000b\": 1}");

    assertProblem(inValue, HttpStatus.BAD_REQUEST, "urn:cjm:problem:invalid-json");
    assertThat(read(inValue).at("/errors/0/field").asText()).isEqualTo("customer.name");
    assertProblem(inExternalId, HttpStatus.BAD_REQUEST, "urn:cjm:problem:invalid-json");
    assertThat(inKey.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(count("orders where external_id like 'bad-nul-%'")).isZero();
  }

  @Test
  void datesFarOutOfRangeAreRefused() {
    long orderId = book("bad-date-1");
    for (String paidAt : List.of("+999999-01-01T00:00:00Z", "-0001-06-01T00:00:00Z", "0000-01-01T00:00:00Z")) {
      ResponseEntity<String> payment = call("booking", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/payments",
          "{\"kind\": \"refund\", \"amount\": 10, \"paidAt\": \"" + paidAt + "\", \"reference\": \"R-" + paidAt + "\"}");
      assertProblem(payment, HttpStatus.BAD_REQUEST, "urn:cjm:problem:invalid-json");
      assertThat(read(payment).at("/errors/0/field").asText()).isEqualTo("paidAt");
    }
    ResponseEntity<String> followup = call("anna", HttpMethod.POST, "/api/v1/crm/orders/" + orderId + "/followups",
        "{\"subject\": \"Call\", \"dueAt\": \"+999999-01-01T00:00:00Z\"}");
    assertProblem(followup, HttpStatus.BAD_REQUEST, "urn:cjm:problem:invalid-json");
    assertThat(count("payments where order_id = " + orderId)).isZero();
    assertThat(count("crm_manager_followups where order_id = " + orderId)).isZero();
  }

  @Test
  void anInvalidBookingListsItsInvalidFields() {
    ResponseEntity<String> answer = call("booking", HttpMethod.POST, "/api/v1/crm/orders", Map.of(
        "externalId", "bad-fields-1", "customer", Map.of("name", "", "email", "not-an-email"),
        "bike", Map.of("title", "Canyon", "sellerCountry", "Germany", "priceEur", -1)));

    assertProblem(answer, HttpStatus.BAD_REQUEST, "urn:cjm:problem:invalid-request");
    assertThat(read(answer).get("errors").findValuesAsText("field")).contains("customer.name", "customer.email",
        "bike.sellerCountry", "bike.priceEur");
    assertThat(read(answer).at("/errors/0/message").asText()).isNotBlank();
    assertThat(count("orders where external_id = 'bad-fields-1'")).isZero();
  }

  @Test
  void engineRestRefusesRepeatedKeysNulAndFarDatesWith400() {
    long orderId = book("bad-engine-1");
    String message = "{\"messageName\": \"OrderCancellationRequested\", \"businessKey\": \"" + orderId + "\","
        + " \"processVariables\": {%s}}";

    ResponseEntity<String> repeated = call("booking", HttpMethod.POST, "/engine-rest/message",
        message.formatted("\"cancellationReason\": {\"value\": \"a\"}, \"cancellationReason\": {\"value\": \"b\"}"));
    ResponseEntity<String> nul = call("booking", HttpMethod.POST, "/engine-rest/message",
        message.formatted("\"cancellationReason\": {\"value\": \"a\\u0000b\"}"));
    ResponseEntity<String> nulName = call("booking", HttpMethod.POST, "/engine-rest/message",
        message.formatted("\"reason\\u0000\": {\"value\": \"a\"}"));

    for (ResponseEntity<String> answer : List.of(repeated, nul, nulName)) {
      assertProblem(answer, HttpStatus.BAD_REQUEST, "urn:cjm:problem:invalid-json");
    }
    assertThat(status(orderId)).as("the order was not cancelled").isEqualTo("booked");
  }

  @Test
  void engineRestRefusesFarDatesAndJavaSerializedVariables() {
    long orderId = book("bad-engine-2");
    String processInstanceId = jdbc.queryForObject("select process_instance_id from orders where id = ?",
        String.class, orderId);
    String path = "/engine-rest/process-instance/" + processInstanceId + "/variables/";
    String serialized = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xac, (byte) 0xed, 0, 5, 't', 0, 1, 'x'});

    ResponseEntity<String> farDate = call("olga", HttpMethod.PUT, path + "cjmFarDate",
        Map.of("value", "999999-01-01T00:00:00.000+0000", "type", "Date"));
    ResponseEntity<String> negativeDate = call("olga", HttpMethod.PUT, path + "cjmNegativeDate",
        Map.of("value", "-0001-01-01T00:00:00.000+0000", "type", "Date"));
    ResponseEntity<String> java = call("olga", HttpMethod.PUT, path + "cjmSerialized", Map.of("value", serialized,
        "type", "Object", "valueInfo", Map.of("objectTypeName", "java.lang.String",
            "serializationDataFormat", "application/x-java-serialized-object")));

    for (ResponseEntity<String> answer : List.of(farDate, negativeDate, java)) {
      assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
      assertThat(read(answer).get("type").asText()).startsWith("urn:cjm:problem:");
    }
    assertThat(count("act_ru_variable where name_ like 'cjm%'")).isZero();
  }

  @Test
  void tomcatLevelBadRequestsAnswerWithProblemJson() throws IOException {
    for (String path : List.of("/api/%2e%2e/engine-rest/task", "/api/v1/crm/orders/%00", "/api/v1%2fcrm/orders",
        "/api/v1/crm/orders/%zz", "/api/v1/crm/orders/%", "/api/v1/crm/orders/\\..\\x")) {
      String answer = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      assertThat(statusOf(answer)).as(path + "\n" + answer).isEqualTo(400);
      assertProblemBody(path, answer);
    }
    String overlong = raw("GET /api/v1/crm/orders/1/cjm HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
        + "\r\nConnection: close\r\n\r\n");
    assertThat(statusOf(overlong)).as(overlong).isBetween(400, 431);
    assertProblemBody("overlong header", overlong);
  }

  @Test
  void unknownPathsAndMethodsAnswerWithProblemJson() {
    ResponseEntity<String> unknown = call("anna", HttpMethod.GET, "/api/v1/crm/no-such-thing", null);
    ResponseEntity<String> method = call("anna", HttpMethod.DELETE, "/api/v1/crm/orders", null);
    ResponseEntity<String> engine = call("anna", HttpMethod.GET, "/engine-rest/no-such-thing", null);

    assertProblem(unknown, HttpStatus.NOT_FOUND, "urn:cjm:problem:not-found");
    assertProblem(method, HttpStatus.METHOD_NOT_ALLOWED, "urn:cjm:problem:method-not-allowed");
    assertProblem(engine, HttpStatus.NOT_FOUND, "urn:cjm:problem:not-found");
  }

  private void assertProblem(ResponseEntity<String> answer, HttpStatus status, String type) {
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(status);
    assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
    JsonNode problem = read(answer);
    assertThat(problem.get("type").asText()).isEqualTo(type);
    assertThat(problem.get("status").asInt()).isEqualTo(status.value());
    assertThat(answer.getBody()).doesNotContain("com.cjmflow").doesNotContain("\tat ").doesNotContainIgnoringCase("sql");
  }

  private static void assertProblemBody(String what, String answer) {
    assertThat(answer).as(what).containsIgnoringCase("Content-Type: application/problem+json")
        .contains("\"type\":\"urn:cjm:problem:").doesNotContainIgnoringCase("<html").doesNotContain("Tomcat");
  }

  private long book(String externalId) {
    return read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking(externalId, false, false)))
        .get("orderId").asLong();
  }

  private String status(long orderId) {
    return jdbc.queryForObject("select status from orders where id = ?", String.class, orderId);
  }

  private String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  private static int statusOf(String answer) {
    return Integer.parseInt(answer.substring(9, 12));
  }
}
