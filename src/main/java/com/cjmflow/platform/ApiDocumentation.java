package com.cjmflow.platform;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.springdoc.core.customizers.OpenApiCustomizer;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The parts every operation shares, applied to each operation of the document (so an endpoint added later needs
 * nothing but its summary): 401 and 403 on every operation, 400 where there is a parameter or a body, 404 where
 * there is a path parameter, the {@code ProblemDetail} schema with examples for every 4xx answer (also those a
 * controller declares itself, e.g. {@code @ApiResponse(responseCode = "409", description = "...")}), and a
 * description for the paging parameters and the {@code ...Id} path parameters that have none.
 */
class ApiDocumentation implements OpenApiCustomizer {

  static final String PROBLEM_JSON = "application/problem+json";
  private static final String PROBLEM_REF = "#/components/schemas/" + ApiProblemTypes.SCHEMA;
  private static final Pattern ID_PARAMETER = Pattern.compile("([a-z][A-Za-z]*?)I[dD]");
  private static final Map<String, String> SHARED = Map.of("400", "BadRequest", "401", "Unauthorized", "403",
      "Forbidden", "404", "NotFound");
  private static final Map<String, String> PARAMETERS = Map.of(
      "page", "The page to read, counted from 0.",
      "size", "How many items a page holds.");

  @Override
  public void customise(OpenAPI openApi) {
    Components components = openApi.getComponents();
    components.addSchemas(ApiProblemTypes.SCHEMA, ApiProblemTypes.schema());
    components.addResponses(SHARED.get("400"), problem(ApiProblemTypes.describe(400,
        "The request breaks a constraint of a parameter or of the body; nothing was changed."), 400));
    components.addResponses(SHARED.get("401"), new ApiResponse()
        .description("No or wrong credentials: authenticate with HTTP Basic.")
        .addHeaderObject("WWW-Authenticate", new Header().description("`Basic realm=\"default\"`")
            .schema(ApiProblemTypes.typed("string"))));
    components.addResponses(SHARED.get("403"), problem(ApiProblemTypes.describe(403,
        "The user is authenticated but their roles do not allow this operation on this resource."), 403));
    components.addResponses(SHARED.get("404"), problem(ApiProblemTypes.describe(404,
        "A resource named in the path does not exist (or is not visible to the user)."), 404));
    if (openApi.getTags() != null) {
      openApi.getTags().sort(Comparator.comparing(Tag::getName));
    }
    if (openApi.getPaths() == null) {
      return;
    }
    openApi.getPaths().values().forEach(path -> path.readOperations().forEach(this::shape));
  }

  private void shape(Operation operation) {
    List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
    parameters.forEach(ApiDocumentation::describe);
    ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    operation.setResponses(responses);
    // The controller's own 4xx answers: keep their description, give them the problem body.
    responses.forEach((code, response) -> {
      int status = status(code);
      if (status >= 400 && status < 500 && response.get$ref() == null && status != 401) {
        response.setContent(problemContent(status));
        response.setDescription(ApiProblemTypes.describe(status, response.getDescription()));
      }
    });
    boolean hasInput = !parameters.isEmpty() || operation.getRequestBody() != null;
    boolean hasPathParameter = parameters.stream().anyMatch(p -> "path".equals(p.getIn()));
    if (hasInput) {
      shared(responses, "400");
    }
    shared(responses, "401");
    shared(responses, "403");
    if (hasPathParameter) {
      shared(responses, "404");
    }
    operation.setResponses(sorted(responses));
  }

  private static void shared(ApiResponses responses, String code) {
    if (!responses.containsKey(code)) {
      responses.addApiResponse(code, new ApiResponse().$ref("#/components/responses/" + SHARED.get(code)));
    }
  }

  private static void describe(Parameter parameter) {
    if (parameter.getDescription() != null && !parameter.getDescription().isBlank()) {
      return;
    }
    String known = PARAMETERS.get(parameter.getName());
    if (known != null) {
      parameter.setDescription(known);
      return;
    }
    var id = ID_PARAMETER.matcher(parameter.getName());
    if (id.matches()) {
      String what = id.group(1).replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
      parameter.setDescription("The id of the " + what + ".");
    }
  }

  private static ApiResponse problem(String description, int status) {
    return new ApiResponse().description(description).content(problemContent(status));
  }

  private static Content problemContent(int status) {
    MediaType media = new MediaType().schema(new Schema<>().$ref(PROBLEM_REF));
    ApiProblemTypes.examples(status).forEach(media::addExamples);
    return new Content().addMediaType(PROBLEM_JSON, media);
  }

  private static int status(String code) {
    try {
      return Integer.parseInt(code);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** 2xx first, then the 4xx answers in numeric order: the same operation always reads the same. */
  private static ApiResponses sorted(ApiResponses responses) {
    ApiResponses result = new ApiResponses();
    new TreeMap<>(responses).forEach(result::addApiResponse);
    if (responses.getExtensions() != null) {
      result.setExtensions(responses.getExtensions());
    }
    return result;
  }
}
