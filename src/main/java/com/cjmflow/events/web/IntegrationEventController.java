package com.cjmflow.events.web;

import java.net.URI;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.events.InboundData;
import com.cjmflow.events.InboundEnvelope;
import com.cjmflow.events.InboundEvent;
import com.cjmflow.events.InboundEvents;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Events from the ERP and the shop, as CloudEvents over HTTP (structured or binary mode). */
@RestController
@RequestMapping("/api/v1/integration/events")
@Tag(name = "Integration events")
class IntegrationEventController {


  private final InboundEvents inbound;
  private final ObjectMapper json;

  IntegrationEventController(InboundEvents inbound, ObjectMapper json) {
    this.inbound = inbound;
    this.json = json;
  }

  /**
   * 201 applied, 202 stored as unknown type (reported at {@code GET ?status=unknown}), 200 for a repeated event id
   * (nothing changes), 400 for a malformed event, 422/404/409 (stored as rejected) when the event breaks a rule.
   */
  @PostMapping(consumes = MediaType.ALL_VALUE)
  @Operation(summary = "Receive an ERP/shop event: a CloudEvent 1.0, structured (application/cloudevents+json) or "
      + "binary (ce-* headers, JSON data); once per source and id")
  ResponseEntity<InboundEvents.Receipt> receive(@RequestHeader HttpHeaders headers,
      @RequestBody(required = false) byte[] body) {
    MediaType contentType = headers.getContentType();
    InboundEvent event;
    if (contentType != null && contentType.isCompatibleWith(MediaType.parseMediaType(InboundEnvelope.STRUCTURED))) {
      event = InboundEnvelope.structured(json, body);
    } else if (headers.containsKey("ce-id") || headers.containsKey("ce-specversion")) {
      if (contentType != null && !contentType.isCompatibleWith(MediaType.APPLICATION_JSON)) {
        throw InboundData.invalid("binary-mode data must be application/json");
      }
      event = InboundEnvelope.binary(json, name -> headers.getFirst("ce-" + name), body);
    } else {
      throw InboundData.invalid("not a CloudEvent: send application/cloudevents+json or ce-* "
          + "headers");
    }
    InboundEvents.Receipt receipt = inbound.receive(event, "http");
    HttpStatus status = receipt.duplicate() ? HttpStatus.OK
        : InboundEvents.UNKNOWN.equals(receipt.status()) ? HttpStatus.ACCEPTED : HttpStatus.CREATED;
    return ResponseEntity.status(status).location(URI.create("/api/v1/integration/events?type=" + receipt.type()))
        .body(receipt);
  }

  @GetMapping
  @Operation(summary = "Received events, newest first: applied, unknown (no handler: reported, not lost), rejected")
  InboundEvents.ReceiptPage list(
      @RequestParam(required = false) @Pattern(regexp = "applied|unknown|rejected") String status,
      @RequestParam(required = false) String type,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
    return inbound.list(status, type, page, size);
  }
}
