package com.cjmflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.cjmflow.ApiTestSupport;
import com.cjmflow.interactions.InteractionSchema;
import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shape every operation of {@code /v3/api-docs} must have, so an endpoint added later joins the document in the
 * same shape: a summary, a 2xx and a 4xx answer, every 4xx with a body as a {@code ProblemDetail}, every parameter
 * described, HTTP Basic; every problem type the code answers is listed; no two classes share a schema name.
 */
class OpenApiContractTest extends ApiTestSupport {

  private static final Path MAIN = Path.of("src/main/java");

  @Autowired(required = false) BuildProperties build;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers;
  @Autowired InteractionSchema interactionSchema;

  @Test
  void everyOperationHasASummaryAnAnswerAndItsProblems() {
    JsonNode document = document();
    List<String> problems = new ArrayList<>();
    operations(document).forEach((name, operation) -> {
      if (operation.path("summary").asText().isBlank()) {
        problems.add(name + ": no summary (@Operation(summary = ...))");
      }
      List<String> codes = new ArrayList<>();
      operation.path("responses").fieldNames().forEachRemaining(codes::add);
      if (codes.stream().noneMatch(code -> code.startsWith("2"))) {
        problems.add(name + ": no 2xx answer (declaring @ApiResponse hides the default one: declare the 2xx too)");
      }
      if (codes.stream().noneMatch(code -> code.startsWith("4"))) {
        problems.add(name + ": no 4xx answer");
      }
      for (String code : codes.stream().filter(c -> c.startsWith("4") && !c.equals("401")).toList()) {
        JsonNode response = resolve(document, operation.path("responses").path(code));
        if (!response.at("/content/application~1problem+json/schema/$ref").asText()
            .equals("#/components/schemas/ProblemDetail")) {
          problems.add(name + ": " + code + " is not an application/problem+json ProblemDetail");
        }
      }
      for (JsonNode parameter : operation.path("parameters")) {
        if (parameter.path("description").asText().isBlank()) {
          problems.add(name + ": parameter " + parameter.path("name").asText() + " has no description "
              + "(@Parameter(description = ...))");
        }
      }
      if (!operation.path("security").isMissingNode()) {
        problems.add(name + ": overrides the document's security");
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void everyOperationNeedsHttpBasicAndTheDocumentSaysWhatItIs() {
    JsonNode document = document();
    assertThat(document.at("/components/securitySchemes/basicAuth/type").asText()).isEqualTo("http");
    assertThat(document.at("/components/securitySchemes/basicAuth/scheme").asText()).isEqualTo("basic");
    assertThat(document.path("security").toString()).isEqualTo("[{\"basicAuth\":[]}]");
    assertThat(document.at("/info/title").asText()).isEqualTo("CJM Flow API");
    assertThat(build).as("META-INF/build-info.properties (spring-boot-maven-plugin build-info)").isNotNull();
    assertThat(document.at("/info/version").asText()).isEqualTo(build.getVersion());
    assertThat(document.at("/info/description").asText()).startsWith(build.get("description"))
        .contains(EngineRestApiDocs.PATH);
    // the 401 a client without credentials gets is the one documented
    assertThat(call(null, HttpMethod.GET, "/api/v1/crm/followups", null).getHeaders().getFirst("WWW-Authenticate"))
        .startsWith("Basic");
  }

  /** Camunda's own document of the engine REST API, linked from ours, behind the same authentication. */
  @Test
  void engineRestDocumentIsServed() {
    assertThat(call(null, HttpMethod.GET, EngineRestApiDocs.PATH, null).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<String> engine = call("anna", HttpMethod.GET, EngineRestApiDocs.PATH, null);
    assertThat(engine.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode document = read(engine);
    assertThat(document.at("/info/title").asText()).isEqualTo("Camunda Platform REST API");
    assertThat(document.path("paths").has("/process-definition")).isTrue();
    assertThat(document().at("/externalDocs/url").asText()).isEqualTo(EngineRestApiDocs.PATH);
  }

  /** The body of POST /api/v1/interactions is the served JSON Schema itself, not a second description of it. */
  @Test
  void interactionBodyIsTheServedJsonSchema() throws IOException {
    JsonNode document = document();
    assertThat(document.at("/paths/~1api~1v1~1interactions/post/requestBody/content/application~1json/schema/$ref")
        .asText()).isEqualTo("#/components/schemas/InteractionEvent");
    JsonNode component = document.at("/components/schemas/InteractionEvent");
    JsonNode served = json.readTree(interactionSchema.document());
    assertThat(component.path("required")).isNotEmpty()
        .containsExactlyInAnyOrderElementsOf(served.path("required"));
    assertThat(component.path("additionalProperties")).isEqualTo(served.path("additionalProperties"));
    List<String> properties = new ArrayList<>();
    served.path("properties").fieldNames().forEachRemaining(properties::add);
    assertThat(properties).isNotEmpty().allSatisfy(name -> {
      assertThat(component.at("/properties/" + name + "/pattern")).isEqualTo(served.at("/properties/" + name
          + "/pattern"));
      assertThat(component.at("/properties/" + name + "/enum")).isEqualTo(served.at("/properties/" + name + "/enum"));
    });
    assertThat(component.at("/properties/customerId/format").asText()).isEqualTo("int64");
  }

  /** A problem type written anywhere in the code (a literal URN or a type of ApiProblems) is in the document. */
  @Test
  void everyProblemTypeOfTheCodeIsListed() throws IOException {
    String listed = document().at("/components/schemas/ProblemDetail/properties/type/description").asText();
    Pattern urn = Pattern.compile("urn:cjm:problem:([a-z0-9-]+)");
    Pattern shortType = Pattern.compile("HttpStatus\\.[A-Z_]+,\\s*\"([a-z0-9-]+)\"");
    Set<String> used = new TreeSet<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String code = Files.readString(file);
        for (Pattern pattern : List.of(urn, shortType)) {
          Matcher matcher = pattern.matcher(code);
          while (matcher.find()) {
            used.add("urn:cjm:problem:" + matcher.group(1));
          }
        }
      }
    }
    assertThat(used).isNotEmpty();
    assertThat(used).allSatisfy(type -> assertThat(listed).as("ApiProblemTypes lists %s", type)
        .contains("`" + type + "`"));
  }

  /**
   * springdoc names a schema by the simple class name: two records called {@code Page} in different modules would
   * silently become one schema. Give one of them {@code @Schema(name = ...)}.
   */
  @Test
  void noTwoClassesShareASchemaName() {
    Map<String, Set<String>> classesByName = new TreeMap<>();
    Set<Class<?>> seen = new HashSet<>();
    handlers.getHandlerMethods().values().stream()
        .filter(method -> method.getBeanType().getName().startsWith("com.cjmflow"))
        .forEach(method -> {
          collect(method.getMethod().getGenericReturnType(), seen, classesByName);
          for (var parameter : method.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
              collect(parameter.getGenericParameterType(), seen, classesByName);
            }
          }
        });
    assertThat(classesByName).isNotEmpty();
    assertThat(classesByName).allSatisfy((name, classes) -> assertThat(classes).as("schema %s", name).hasSize(1));
  }

  private static void collect(Type type, Set<Class<?>> seen, Map<String, Set<String>> classesByName) {
    if (type instanceof ParameterizedType parameterized) {
      collect(parameterized.getRawType(), seen, classesByName);
      for (Type argument : parameterized.getActualTypeArguments()) {
        collect(argument, seen, classesByName);
      }
      return;
    }
    if (!(type instanceof Class<?> raw)) {
      return;
    }
    Class<?> cls = raw.isArray() ? raw.getComponentType() : raw;
    if (!seen.add(cls) || !cls.getName().startsWith("com.cjmflow")) {
      return;
    }
    if (cls.getTypeParameters().length == 0) {
      Schema schema = cls.getAnnotation(Schema.class);
      String name = schema != null && !schema.name().isBlank() ? schema.name() : cls.getSimpleName();
      classesByName.computeIfAbsent(name, n -> new TreeSet<>()).add(cls.getName());
    }
    if (cls.isRecord()) {
      for (var component : cls.getRecordComponents()) {
        collect(component.getGenericType(), seen, classesByName);
      }
    }
  }

  private JsonNode document() {
    ResponseEntity<String> response = call("anna", HttpMethod.GET, "/v3/api-docs", null);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return read(response);
  }

  private static Map<String, JsonNode> operations(JsonNode document) {
    Map<String, JsonNode> operations = new TreeMap<>();
    document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
        method -> operations.put(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue())));
    assertThat(operations).isNotEmpty();
    return operations;
  }

  private static JsonNode resolve(JsonNode document, JsonNode node) {
    String ref = node.path("$ref").asText();
    return ref.isEmpty() ? node : document.at(ref.substring(1));
  }
}
