package com.cjmflow.events.web;

import java.net.URI;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.events.EventFeed;
import com.cjmflow.events.EventTypes;
import com.cjmflow.platform.ApiProblems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The domain events as CloudEvents: the pull feed and the JSON Schema of every type. */
@RestController
@RequestMapping("/api/v1/events")
@Tag(name = "Events")
class EventController {

  static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");

  private final EventFeed feed;
  private final EventTypes types;

  EventController(EventFeed feed, EventTypes types) {
    this.feed = feed;
    this.types = types;
  }

  @GetMapping
  @Operation(summary = "CloudEvents after a cursor (the sequence of the last event read; 0 = from the start), in feed "
      + "order, optionally of one type; at least once, ordered per subject",
      responses = {
          @ApiResponse(responseCode = "200", description = "The events after the cursor and the next cursor",
              useReturnTypeSchema = true),
          @ApiResponse(responseCode = "410", description = "Events after the cursor were deleted after their "
              + "retention (cjm.events.retention): resume from `resumeAfter` or from the head")})
  EventFeed.FeedPage events(@RequestParam(defaultValue = "0") @Pattern(regexp = "[0-9]{1,18}") @Parameter(description = "The cursor: the sequence of the last event read (0 = from the start)") String after,
      @RequestParam(required = false) @Parameter(description = "Only events of this type (see /api/v1/events/schemas)") String type,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) @Parameter(description = "At most this many events") int limit) {
    if (type != null && !types.isKnown(type)) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
          "type must be one of " + types.types());
      problem.setType(URI.create("urn:cjm:problem:invalid-parameter"));
      throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
    return feed.after(Long.parseLong(after), type, limit);
  }

  @GetMapping("/schemas")
  @Operation(summary = "The event types published, each with a JSON Schema of its data")
  Set<String> types() {
    return types.types();
  }

  @GetMapping("/schemas/cloudevent")
  @Operation(summary = "The JSON Schema of the CloudEvents envelope")
  ResponseEntity<byte[]> envelope() {
    return ResponseEntity.ok().contentType(SCHEMA_JSON).body(types.envelope());
  }

  @GetMapping("/schemas/{type}")
  @Operation(summary = "The JSON Schema (draft 2020-12) of one event type's data")
  ResponseEntity<byte[]> schema(@PathVariable @Parameter(description = "The event type, e.g. crm.order.booked") String type) {
    return types.schema(type).map(schema -> ResponseEntity.ok().contentType(SCHEMA_JSON).body(schema))
        .orElseThrow(() -> ApiProblems.notFound("Event type", type));
  }
}
