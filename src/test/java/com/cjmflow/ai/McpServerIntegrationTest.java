package com.cjmflow.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * An MCP client (the SDK's Streamable HTTP client) calls every tool of the server as the head of sales: the control
 * lists, the AI services and the safe actions answer like their REST calls, each call lands in the activity log;
 * a sales manager is held to their own rows and a role without the REST call gets a tool error or a 403. A tension
 * raised through MCP is the holacracy module's tension, raised by the calling user.
 */
class McpServerIntegrationTest extends ApiTestSupport {

  @LocalServerPort int port;

  private McpSyncClient client(String user) {
    String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
        .endpoint("/mcp").customizeRequest(request -> request.header("Authorization", basic)).build())
        .requestTimeout(Duration.ofSeconds(60))
        .jsonSchemaValidator((schema, content) -> io.modelcontextprotocol.json.schema.JsonSchemaValidator
            .ValidationResponse.asValid(null)).build();
    client.initialize();
    return client;
  }

  private JsonNode ok(McpSyncClient client, String tool, Map<String, Object> arguments) throws Exception {
    McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    String text = ((McpSchema.TextContent) result.content().get(0)).text();
    assertThat(result.isError()).as(tool + ": " + text).isFalse();
    return json.readTree(text);
  }

  @Test
  void theHeadOfSalesCallsEveryToolAndEachCallIsInTheActivityLog() throws Exception {
    JsonNode booked = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("ai-mcp-1", false, false)));
    long orderId = booked.get("orderId").asLong();
    long customerId = jdbc.queryForObject("select customer_id from orders where id = ?", Long.class, orderId);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);

    try (McpSyncClient galina = client("galina")) {
      List<String> names = galina.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      assertThat(names).containsExactlyInAnyOrder("control_orders", "control_activity", "control_interactions",
          "control_breaches", "control_cases", "compose_email", "summarize_thread", "next_best_actions",
          "rag_search", "create_followup", "add_touchpoint", "raise_tension");

      JsonNode touchpoint = ok(galina, "add_touchpoint", Map.of("orderId", orderId, "channel", "telegram",
          "direction", "inbound", "summary", "Когда проверите велосипед?", "occurredAt",
          now.minusMinutes(3).toString()));
      assertThat(touchpoint.get("orderId").asLong()).isEqualTo(orderId);
      JsonNode followup = ok(galina, "create_followup", Map.of("orderId", orderId, "subject", "Call the seller",
          "dueAt", now.plusDays(1).toString(), "managerId", "anna"));
      assertThat(followup.get("managerId").asText()).isEqualTo("anna");

      assertThat(ok(galina, "control_orders", Map.of("customerId", customerId)).get("items").get(0)
          .get("orderId").asLong()).isEqualTo(orderId);
      assertThat(ok(galina, "control_activity", Map.of("orderId", orderId)).get("items")).isNotEmpty();
      assertThat(ok(galina, "control_interactions", Map.of("orderId", orderId)).get("items")).hasSize(1);
      assertThat(ok(galina, "control_breaches", Map.of("managerId", "anna")).has("items")).isTrue();
      assertThat(ok(galina, "control_cases", Map.of("orderId", orderId)).get("cases")).isEmpty();
      assertThat(ok(galina, "compose_email", Map.of("orderId", orderId, "intent", "status_update"))
          .get("body").asText()).contains("ai-mcp-1");
      assertThat(ok(galina, "summarize_thread", Map.of("orderId", orderId)).get("openQuestions")).hasSize(1);
      assertThat(ok(galina, "next_best_actions", Map.of("orderId", orderId)).get("actions").findValuesAsText("kind"))
          .contains("answer_reply_window", "complete_task", "complete_followup");
      assertThat(ok(galina, "rag_search", Map.of("query", "проверите велосипед", "orderId", orderId))
          .get("passages")).isNotEmpty();

      // a bad argument is a tool error with the problem, not a failure of the protocol
      McpSchema.CallToolResult bad = galina.callTool(new McpSchema.CallToolRequest("control_cases",
          Map.of("orderId", 987654321)));
      assertThat(bad.isError()).isTrue();
      assertThat(((McpSchema.TextContent) bad.content().get(0)).text()).startsWith("404 not-found");
    }

    assertThat(jdbc.queryForList("""
        select property from manager_activity_events where manager_id = 'galina' and action = 'mcp_tool'
           and source = 'mcp' and order_id = ?""", String.class, orderId))
        .contains("add_touchpoint", "create_followup", "control_activity", "control_interactions", "control_cases",
            "compose_email", "summarize_thread", "next_best_actions", "rag_search");
    assertThat(jdbc.queryForObject("select count(*) from crm_ai_requests where channel = 'mcp' and order_id = ?",
        Long.class, orderId)).isEqualTo(4);
  }

  @Test
  void anAgentRaisesATensionAsItsUserThroughTheHolacracyService() throws Exception {
    JsonNode booked = read(call("booking", HttpMethod.POST, "/api/v1/crm/orders", booking("ai-mcp-tension-1", false,
        false)));
    long orderId = booked.get("orderId").asLong();
    String taskId = jdbc.queryForObject("select task_id from tasks where order_id = ? and completed_at is null",
        String.class, orderId);

    try (McpSyncClient anna = client("anna")) {
      // when a sales manager's agent raises a tension for the sales managers' role about the order's task
      JsonNode raised = ok(anna, "raise_tension", Map.of("kind", "operational", "title", "Seller does not answer",
          "description", "Two days without a reply", "roleKey", "sales-managers", "orderId", orderId,
          "taskId", taskId));

      // then it is an open tension of the holacracy module, raised by anna, in the role's circle
      long tensionId = raised.get("id").asLong();
      JsonNode tension = read(call("galina", HttpMethod.GET, "/api/v1/crm/holacracy/tensions/" + tensionId, null));
      assertThat(tension.get("state").asText()).isEqualTo("open");
      assertThat(tension.get("raisedBy").asText()).isEqualTo("anna");
      assertThat(tension.get("roleKey").asText()).isEqualTo("sales-managers");
      assertThat(tension.get("circleKey").asText()).isEqualTo(raised.get("circleKey").asText());
      assertThat(tension.get("orderId").asLong()).isEqualTo(orderId);
      assertThat(tension.get("taskId").asText()).isEqualTo(taskId);
      JsonNode ofOrder = read(call("anna", HttpMethod.GET, "/api/v1/crm/holacracy/tensions?orderId=" + orderId, null));
      assertThat(ofOrder.get("total").asLong()).isEqualTo(1);
      assertThat(ofOrder.at("/items/0/id").asLong()).isEqualTo(tensionId);

      // and anna may move it on over REST as its raiser
      assertThat(call("anna", HttpMethod.PATCH, "/api/v1/crm/holacracy/tensions/" + tensionId,
          Map.of("state", "triaged")).getStatusCode()).isEqualTo(HttpStatus.OK);

      // bad input is the REST call's problem: no circle or role (422), an unknown kind or a long title (400)
      String annas = "select count(*) from crm_holacracy_tensions where raised_by = 'anna'";
      long before = jdbc.queryForObject(annas, Long.class);
      assertThat(error(anna, "raise_tension", Map.of("kind", "operational", "title", "Nowhere")))
          .startsWith("422 rule-violation");
      assertThat(error(anna, "raise_tension", Map.of("kind", "operational", "title", "Nowhere", "roleKey",
          "no-such-role"))).startsWith("422 rule-violation");
      assertThat(error(anna, "raise_tension", Map.of("kind", "gossip", "title", "x", "roleKey", "sales-managers")))
          .startsWith("400 invalid-request");
      assertThat(error(anna, "raise_tension", Map.of("kind", "operational", "title", "x".repeat(301), "roleKey",
          "sales-managers"))).startsWith("400 invalid-request");
      assertThat(jdbc.queryForObject(annas, Long.class)).isEqualTo(before);
    }

    // and the process owner's agent raises one by circle key; every call is in the activity log
    try (McpSyncClient olga = client("olga")) {
      JsonNode governance = ok(olga, "raise_tension", Map.of("kind", "governance", "title", "Who owns returns?",
          "circleKey", "company", "orderId", orderId));
      assertThat(governance.get("raisedBy").asText()).isEqualTo("olga");
      assertThat(governance.get("circleKey").asText()).isEqualTo("company");
      assertThat(governance.get("roleId").isNull()).isTrue();
    }
    assertThat(jdbc.queryForList("""
        select manager_id from manager_activity_events where action = 'mcp_tool' and property = 'raise_tension'
           and order_id = ? order by id""", String.class, orderId)).containsExactly("anna", "olga");
  }

  private String error(McpSyncClient client, String tool, Map<String, Object> arguments) {
    McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    assertThat(result.isError()).as(tool).isTrue();
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void toolsAreAuthorisedLikeTheirRestCalls() throws Exception {
    try (McpSyncClient anna = client("anna")) {
      McpSchema.CallToolResult others = anna.callTool(new McpSchema.CallToolRequest("control_orders",
          Map.of("managerId", "boris")));
      assertThat(others.isError()).isTrue();
      assertThat(((McpSchema.TextContent) others.content().get(0)).text()).startsWith("403 forbidden");
      assertThat(ok(anna, "control_orders", new LinkedHashMap<>()).has("items")).isTrue();
    }
    try (McpSyncClient olga = client("olga")) {
      McpSchema.CallToolResult compose = olga.callTool(new McpSchema.CallToolRequest("compose_email",
          Map.of("orderId", 1, "intent", "status_update")));
      assertThat(compose.isError()).isTrue();
      assertThat(((McpSchema.TextContent) compose.content().get(0)).text()).contains("do not allow");
    }
    assertThatThrownBy(() -> client("egor")).isInstanceOf(RuntimeException.class);
  }
}
