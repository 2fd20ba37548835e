package com.cjmflow.platform;

import java.util.Optional;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.ExternalDocumentation;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI document at {@code /v3/api-docs}: name, description and version from the build, HTTP Basic for every
 * operation, and the problem answers every operation shares ({@link ApiDocumentation}). Controllers declare only
 * what differs per operation: a summary, and the 404/409/422 answers that are specific to it.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static final String BASIC_AUTH = "basicAuth";

  private static final String DESCRIPTION = """
      %s.

      **Authentication.** Every operation needs HTTP Basic with a user of the engine's identity service (Camunda \
      Admin); what a user may do follows their role groups. Without valid credentials the answer is `401` with \
      `WWW-Authenticate: Basic`.

      **Errors.** Every 4xx answer with a body is an RFC 9457 problem (`application/problem+json`, schema \
      `ProblemDetail`) whose `type` is a stable URN of the form `urn:cjm:problem:*` (listed at the schema); \
      branch on `type`, not on `title` or `detail`.

      **Times** are ISO-8601 with an offset; lists are paged with `page` (from 0) and `size`.

      **Engine REST API.** Tasks, messages, deployments and everything else of the Camunda engine live under \
      `/engine-rest` (same HTTP Basic users). Its own OpenAPI document, the one Camunda publishes in the artifact \
      `org.camunda.bpm:camunda-engine-rest-openapi` (`openapi.json`), is served by this application at \
      [`%s`](%s); Swagger UI (`/swagger-ui.html`) offers both documents.
      """;

  @Bean
  OpenAPI cjmFlowOpenApi(ObjectProvider<BuildProperties> build) {
    Optional<BuildProperties> properties = Optional.ofNullable(build.getIfAvailable());
    String name = properties.map(BuildProperties::getName).orElse("CJM Flow");
    String summary = properties.map(p -> p.get("description"))
        .orElse("BPM-driven CRM order service: the customer journey as a running Camunda 7 process");
    String version = properties.map(BuildProperties::getVersion).orElse("development");
    return new OpenAPI()
        .info(new Info().title(name + " API").version(version)
            .description(DESCRIPTION.formatted(summary, EngineRestApiDocs.PATH, EngineRestApiDocs.PATH))
            .license(new License().name("Proprietary").identifier("LicenseRef-CJM-Flow-Proprietary")))
        .externalDocs(new ExternalDocumentation().description("Camunda 7 engine REST API (OpenAPI document)")
            .url(EngineRestApiDocs.PATH))
        .components(new Components().addSecuritySchemes(BASIC_AUTH, new SecurityScheme()
            .type(SecurityScheme.Type.HTTP).scheme("basic")
            .description("A user of the engine's identity service; the password is checked by the engine.")))
        .addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
  }

  @Bean
  OpenApiCustomizer sharedProblemAnswers() {
    return new ApiDocumentation();
  }
}
