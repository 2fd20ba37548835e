package com.cjmflow.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Schema;


/**
 * The stable problem {@code type}s of the API as the OpenAPI document lists them (schema {@code ProblemDetail}, and
 * the examples of every 4xx answer). {@code ApiDocumentationTest} fails when the code answers a
 * {@code urn:cjm:problem:*} type that is not listed here.
 */
final class ApiProblemTypes {

  static final String SCHEMA = "ProblemDetail";
  private static final String URN = "urn:cjm:problem:";

  record Type(String type, int status, String title, String meaning, String example) {}

  static final List<Type> TYPES = List.of(
      new Type(URN + "invalid-request", 400, "Bad Request",
          "a parameter or a field of the body breaks its constraint (each one is named in `detail`)",
          "size must be less than or equal to 200"),
      new Type(URN + "invalid-parameter", 400, "Bad Request",
          "a query parameter has a value the operation does not accept", "from must not be after to"),
      new Type(URN + "schema-violation", 400, "Bad Request",
          "the body does not match the JSON Schema of the operation; `errors` lists every violation",
          "The event does not match schemas/interaction_event.schema.json (GET /api/v1/interactions/schema)."),
      new Type("about:blank", 400, "Bad Request",
          "Spring MVC's own answer to a body that is not JSON, has an unknown field or a value of the wrong type, "
              + "or to a parameter that cannot be converted (`detail` says which)",
          "Failed to convert 'orderId' with value: 'abc'"),
      new Type(URN + "invalid-json", 400, "Bad Request",
          "the body is not acceptable JSON: a repeated key, a NUL character, a date out of range, an unknown field",
          "The request body is not acceptable JSON: duplicate field 'externalId'"),
      new Type(URN + "invalid-data", 400, "Bad Request",
          "a value the database cannot store as it is (e.g. out of range)", "A value is out of range"),
      new Type(URN + "invalid-event", 400, "Bad Request",
          "an inbound event is not a well-formed CloudEvent of its type (`detail` says why)",
          "time must be an RFC 3339 date-time with an offset"),
      new Type(URN + "java-serialization-refused", 400, "Bad Request",
          "engine REST API only: a Java-serialized variable, which is refused", "Java serialization is refused"),
      new Type(URN + "expression-refused", 400, "Bad Request",
          "engine REST API only: a query carries an expression, which is refused", "Expressions are refused"),
      new Type(URN + "forbidden", 403, "Forbidden",
          "the user's roles do not allow this operation on this resource", "Only managers put orders on hold"),
      new Type(URN + "not-found", 404, "Not Found", "the resource named in the path does not exist",
          "Order 42 does not exist"),
      new Type(URN + "state-conflict", 409, "Conflict",
          "the resource is in a state that does not allow the operation (now or any more)",
          "Order 42 cannot be cancelled in status shipped_to_russia"),
      new Type(URN + "concurrent-update", 409, "Conflict",
          "someone else changed the same order at the same time (e.g. a task completed while its SLA timer "
              + "fired): reload and decide again",
          "The order was changed at the same time by someone else; reload and try again."),
      new Type(URN + "duplicate", 409, "Conflict",
          "the same thing was created at the same time by a parallel request: read it and go on",
          "It exists already"),
      new Type(URN + "order-exists", 409, "Conflict",
          "engine REST API only: OrderBooked for an external id that is booked already (`orderId` names it)",
          "An order with external id web-1042 exists already: order 7"),
      new Type(URN + "task-completed", 409, "Conflict",
          "engine REST API only: the task was completed by someone else in the meantime",
          "Task 42 was completed in the meantime"),
      new Type(URN + "events-removed", 410, "Gone",
          "the feed cursor lies before events deleted after their retention; `resumeAfter` is the highest position "
              + "deleted: resume from there or from the head",
          "Events up to position 5120 were removed after the retention (cjm.events.retention); cursor 4000 lies "
              + "before them. Resume from after=5120 or from the head."),
      new Type(URN + "rule-violation", 422, "Unprocessable Content",
          "the request is well-formed but breaks a business rule (`detail` says which)",
          "occurredAt lies in the future"),
      new Type(URN + "internal-error", 500, "Internal Server Error",
          "the service failed; nothing about it is said to the client (the log has it)", "The request failed."));

  private ApiProblemTypes() {}

  /** The description of an answer with the problem types it may carry. */
  static String describe(int status, String description) {
    String types = ofStatus(status).stream().map(t -> "`" + t.type() + "` (" + t.meaning() + ")")
        .collect(Collectors.joining("; "));
    String text = description == null || description.isBlank() ? "" : description.strip();
    if (types.isEmpty() || text.contains("Problem types of this status:")) {
      return text;
    }
    return (text.isEmpty() ? "" : text + "\n\n") + "Problem types of this status: " + types + ".";
  }

  static Map<String, Example> examples(int status) {
    Map<String, Example> examples = new LinkedHashMap<>();
    for (Type t : ofStatus(status)) {
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("type", t.type());
      value.put("title", t.title());
      value.put("status", t.status());
      value.put("detail", t.example());
      String name = t.type().startsWith(URN) ? t.type().substring(URN.length()) : "spring-mvc";
      examples.put(name, new Example().summary(t.meaning().split(" \\(")[0]).value(value));
    }
    return examples;
  }

  /** RFC 9457 problem details as Spring's {@code ProblemDetail} writes them. */
  static Schema<Object> schema() {
    String listed = TYPES.stream().map(t -> "- `" + t.type() + "` (" + t.status() + "): " + t.meaning())
        .collect(Collectors.joining("\n"));
    return object()
        .description("An RFC 9457 problem (`application/problem+json`). Extension members may follow.")
        .addProperty("type", string("uri").example(URN + "not-found").description(
            "What kind of problem this is: a stable URN to branch on.\n\n" + listed))
        .addProperty("title", string(null).example("Not Found").description("The HTTP reason phrase."))
        .addProperty("status", typed("integer").format("int32").example(404).description("The HTTP status."))
        .addProperty("detail", string(null).example("Order 42 does not exist")
            .description("What went wrong in this occurrence, for a human."))
        .addProperty("instance", string("uri-reference").example("/api/v1/crm/orders/42/cjm")
            .description("The path of the request that failed."))
        .addProperty("errors", typed("array").items(string(null)).description(
            "`urn:cjm:problem:schema-violation` only: every violation of the JSON Schema."))
        .addProperty("resumeAfter", typed("integer").format("int64").example(5120).description(
            "`urn:cjm:problem:events-removed` only: the highest feed position deleted, the cursor to resume from."));
  }

  private static Schema<Object> object() {
    return typed("object");
  }

  private static Schema<Object> string(String format) {
    Schema<Object> schema = typed("string");
    return format == null ? schema : schema.format(format);
  }

  static Schema<Object> typed(String type) {
    Schema<Object> schema = new Schema<>();
    schema.specVersion(SpecVersion.V31);
    schema.setTypes(Set.of(type));
    schema.setType(type);
    return schema;
  }

  private static List<Type> ofStatus(int status) {
    return TYPES.stream().filter(t -> t.status() == status && !t.meaning().startsWith("engine REST")).toList();
  }
}
