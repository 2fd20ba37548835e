package com.cjmflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/** The OpenAPI document lists every endpoint of the CRM API, and is itself behind authentication. */
class OpenApiIntegrationTest extends ApiTestSupport {

  @Test
  void documentListsEveryCrmEndpoint() {
    assertThat(call(null, HttpMethod.GET, "/v3/api-docs", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    JsonNode paths = read(call("anna", HttpMethod.GET, "/v3/api-docs", null)).get("paths");
    List<String> operations = new ArrayList<>();
    paths.fieldNames().forEachRemaining(path -> paths.get(path).fieldNames()
        .forEachRemaining(method -> operations.add(method.toUpperCase() + " " + path)));

    assertThat(operations).contains(
        "POST /api/v1/crm/orders", "GET /api/v1/crm/orders/{orderId}", "GET /api/v1/crm/orders/{orderId}/cjm",
        "POST /api/v1/crm/orders/{orderId}/cancellation",
        "POST /api/v1/crm/orders/{orderId}/touchpoints", "GET /api/v1/crm/orders/{orderId}/touchpoints",
        "POST /api/v1/crm/orders/{orderId}/followups", "PATCH /api/v1/crm/followups/{followupId}/complete",
        "GET /api/v1/crm/followups", "GET /api/v1/crm/followups/{followupId}",
        "POST /api/v1/crm/orders/{orderId}/payments", "GET /api/v1/crm/orders/{orderId}/payments",
        "POST /api/v1/crm/orders/{orderId}/shipments", "GET /api/v1/crm/orders/{orderId}/shipments",
        "PATCH /api/v1/crm/shipments/{shipmentId}/delivered",
        "POST /api/v1/crm/customers", "GET /api/v1/crm/customers", "GET /api/v1/crm/customers/{customerId}",
        "PATCH /api/v1/crm/customers/{customerId}", "POST /api/v1/crm/customers/{customerId}/channels",
        "PUT /api/v1/crm/customers/{customerId}/preferences/{key}", "PUT /api/v1/crm/customers/{customerId}/owner",
        "GET /api/v1/crm/managers/{managerId}/workload",
        "POST /api/v1/interactions", "GET /api/v1/interactions", "GET /api/v1/interactions/schema");
  }
}
