package com.cjmflow.interactions.web;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.interactions.InteractionSchema;
import com.cjmflow.interactions.InteractionTags;
import com.cjmflow.interactions.Interactions;
import com.cjmflow.platform.ApiProblems;
import com.cjmflow.platform.CurrentUser;
import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Interaction events from every channel (seed 004 §2): receive one, read one, read a customer's timeline. */
@RestController
@RequestMapping("/api/v1/interactions")
@Tag(name = "Interactions", description = "Normalised interaction events from every channel (seed 004 §2)")
class InteractionController {

  static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");
  private static final URI SCHEMA_VIOLATION = URI.create("urn:cjm:problem:schema-violation");

  static final String INBOUND = """
      {"customerId": 1, "orderId": 1, "channel": "whatsapp", "direction": "inbound",
       "subject": "Delivery date", "body": "When will the bike arrive?", "occurredAt": "2026-11-16T10:15:00+03:00",
       "externalReference": "whatsapp:wamid.HBgLNzkwMDAwMDAwMDAVAgASGBQz"}""";
  static final String OUTBOUND = """
      {"customerId": 1, "orderId": 1, "channel": "phone", "direction": "outbound", "body": "Called back: Friday",
       "occurredAt": "2026-11-16T11:00:00+03:00", "agent": "anna", "externalReference": "pbx:call-20261116-0042"}""";

  record TagsRequest(@NotEmpty @Size(max = 20) List<@Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,49}") String> tags) {}

  record TagsResponse(long interactionId, List<String> tags) {}

  private final Interactions interactions;
  private final InteractionSchema schema;
  private final InteractionTags tags;
  private final CurrentUser currentUser;

  InteractionController(Interactions interactions, InteractionSchema schema, InteractionTags tags,
      CurrentUser currentUser) {
    this.interactions = interactions;
    this.schema = schema;
    this.tags = tags;
    this.currentUser = currentUser;
  }

  /** Adds tags (lower-case words) the interaction lacks; publishes crm.interaction.tagged when any was new. */
  @PostMapping("/{id}/tags")
  @Operation(summary = "Tag an interaction (idempotent per tag)")
  TagsResponse tag(@PathVariable long id, @Valid @RequestBody TagsRequest request) {
    return new TagsResponse(id, tags.tag(id, request.tags(), currentUser.id().orElse(null)));
  }

  @GetMapping("/{id}/tags")
  @Operation(summary = "An interaction's tags")
  TagsResponse tags(@PathVariable long id) {
    interactions.find(id).orElseThrow(() -> ApiProblems.notFound("Interaction", id));
    return new TagsResponse(id, tags.tags(id));
  }

  /** The JSON Schema every posted event must satisfy. */
  @GetMapping("/schema")
  @Operation(operationId = "getInteractionSchema", summary = "The InteractionEvent JSON Schema (draft 2020-12)",
      responses = @ApiResponse(responseCode = "200", description = "The schema every posted event must satisfy",
          content = @Content(mediaType = "application/schema+json", schema = @Schema(type = "object"))))
  ResponseEntity<byte[]> schema() {
    return ResponseEntity.ok().contentType(SCHEMA_JSON).body(schema.document());
  }

  /**
   * Receives an event: 400 with the schema violations, 422 for an unknown customer or a foreign order, 201 with the
   * stored interaction, 200 with the existing one when the external reference was stored before.
   */
  @PostMapping
  @Operation(operationId = "receiveInteraction",
      summary = "Receive an interaction event (idempotent by externalReference)",
      description = "The body is validated against the InteractionEvent JSON Schema (`GET "
          + "/api/v1/interactions/schema`, here as the schema `InteractionEvent`) and stored once per "
          + "`externalReference` as a touchpoint of the customer.",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
          schema = @Schema(ref = InteractionApiDocs.SCHEMA_REF), examples = {
              @ExampleObject(name = "whatsapp-inbound", summary = "An inbound WhatsApp message", value = INBOUND),
              @ExampleObject(name = "phone-outbound", summary = "The manager calls back", value = OUTBOUND)})),
      responses = {
          @ApiResponse(responseCode = "201", description = "Stored", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "200", description = "Stored before under this externalReference",
              useReturnTypeSchema = true),
          @ApiResponse(responseCode = "422",
              description = "The customer does not exist, or the order does not exist or belongs to another customer")})
  ResponseEntity<Interactions.Interaction> receive(@RequestBody JsonNode body) {
    List<String> violations = schema.violations(body);
    if (!violations.isEmpty()) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
          "The event does not match " + InteractionSchema.RESOURCE + " (GET /api/v1/interactions/schema).");
      problem.setType(SCHEMA_VIOLATION);
      problem.setProperty("errors", violations);
      throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
    Interactions.Received received = interactions.receive(schema.read(body));
    Interactions.Interaction interaction = received.interaction();
    return received.created()
        ? ResponseEntity.created(URI.create("/api/v1/interactions/" + interaction.id())).body(interaction)
        : ResponseEntity.ok(interaction);
  }

  /** One interaction; 404 when unknown. */
  @GetMapping("/{id}")
  @Operation(operationId = "getInteraction", summary = "Read one interaction")
  Interactions.Interaction one(@PathVariable @Parameter(description = "The interaction's id") long id) {
    return interactions.find(id).orElseThrow(() -> ApiProblems.notFound("Interaction", id));
  }

  /** The timeline, newest first; {@code from} inclusive, {@code to} exclusive. */
  @GetMapping
  @Operation(operationId = "listInteractions",
      summary = "Timeline of interactions (per customer, order, manager, channel, period), paged, newest first")
  Interactions.Timeline timeline(@RequestParam(name = "customer_id", required = false) @Min(1)
      @Parameter(description = "Only this customer's") Long customerId,
      @RequestParam(name = "order_id", required = false) @Min(1) @Parameter(description = "Only this order's")
      Long orderId,
      @RequestParam(name = "manager_id", required = false) @Size(min = 1, max = 64)
      @Parameter(description = "Only the interactions of this manager's orders or by this manager") String managerId,
      @RequestParam(required = false) @Parameter(description = "Only this channel (one of the schema's)")
      String channel,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
      @Parameter(description = "Occurred at or after (ISO-8601 with offset)") OffsetDateTime from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
      @Parameter(description = "Occurred before (ISO-8601 with offset)") OffsetDateTime to,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
    if (channel != null && !schema.channels().contains(channel)) {
      throw badRequest("channel must be one of " + schema.channels());
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw badRequest("from must not be after to");
    }
    return interactions.timeline(
        new Interactions.TimelineQuery(customerId, orderId, managerId, channel, from, to, page, size));
  }

  private static ErrorResponseException badRequest(String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setType(URI.create("urn:cjm:problem:invalid-parameter"));
    return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
  }
}
