package com.cjmflow.ai.mcp;

import java.util.Map;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The MCP server (Streamable HTTP, MCP Java SDK) at {@code /mcp}: an AI agent acts as head of sales through the same
 * services as the REST API. The servlet sits behind the API's security chain (HTTP Basic against the engine's users,
 * the role declaration), tools run on the request thread ({@code immediateExecution}), so each tool sees the caller
 * exactly as a REST call does; {@link HeadOfSalesTools} checks each tool against the REST endpoint it mirrors.
 */
@Configuration(proxyBeanMethods = false)
class McpServerConfiguration {

  static final String ENDPOINT = "/mcp";
  static final String USER = "cjm.user";

  @Bean
  HttpServletStreamableServerTransportProvider mcpTransport() {
    return HttpServletStreamableServerTransportProvider.builder()
        .jsonMapper(new McpJson().mapper())
        .mcpEndpoint(ENDPOINT)
        .contextExtractor(request -> {
          Authentication caller = SecurityContextHolder.getContext().getAuthentication();
          return McpTransportContext.create(caller == null ? Map.of() : Map.of(USER, caller.getName()));
        })
        .build();
  }

  @Bean
  ServletRegistrationBean<HttpServletStreamableServerTransportProvider> mcpServlet(
      HttpServletStreamableServerTransportProvider transport) {
    ServletRegistrationBean<HttpServletStreamableServerTransportProvider> servlet =
        new ServletRegistrationBean<>(transport, ENDPOINT);
    servlet.setName("mcp");
    servlet.setAsyncSupported(true);
    return servlet;
  }

  @Bean(destroyMethod = "close")
  McpSyncServer mcpServer(HttpServletStreamableServerTransportProvider transport, HeadOfSalesTools tools) {
    return McpServer.sync(transport)
        .serverInfo("cjm-flow", "1.0")
        .instructions("CJM Flow: the head of sales' control lists, the AI services and safe actions (follow-ups "
            + "and touchpoints on orders, tensions for circles and roles). "
            + "Every call runs with your user's roles, as the REST API does, and is recorded in the activity log.")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .jsonMapper(new McpJson().mapper())
        .jsonSchemaValidator(new McpJson().validator())
        .immediateExecution(true)
        .tools(tools.specifications())
        .build();
  }
}
