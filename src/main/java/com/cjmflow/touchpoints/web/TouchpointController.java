package com.cjmflow.touchpoints.web;

import java.net.URI;
import java.time.OffsetDateTime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.orderflow.Orders;
import com.cjmflow.platform.ApiProblems;
import com.cjmflow.platform.CurrentUser;
import com.cjmflow.platform.Page;
import com.cjmflow.touchpoints.Touchpoints;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Contacts with the client about an order (seed 000 §8: POST /api/v1/crm/orders/:orderId/touchpoints). */
@Tag(name = "Touchpoints", description = "Contacts with the client about an order; inbound ones open a reply window")
@RestController
class TouchpointController {

  record TouchpointRequest(
      @NotNull @Pattern(regexp = "phone|email|whatsapp|telegram|vk|web|other") String channel,
      @NotNull @Pattern(regexp = "inbound|outbound") String direction,
      @Size(max = 64) String managerId, @Size(max = 300) String subject, @NotBlank @Size(max = 4000) String summary,
      @NotNull OffsetDateTime occurredAt,
      @Schema(description = "Marks an inbound contact as a complaint and names the case it asks for (`refund`, "
          + "`compensation`, `damage`, `delay`, `other`): the complaint opens an order case of that kind, once")
      @Size(max = 30) @Pattern(regexp = "[a-z][a-z_]*") String complaintKind) {}

  private final Touchpoints touchpoints;
  private final Orders orders;
  private final CurrentUser currentUser;

  TouchpointController(Touchpoints touchpoints, Orders orders, CurrentUser currentUser) {
    this.touchpoints = touchpoints;
    this.orders = orders;
    this.currentUser = currentUser;
  }

  /** Records a contact; an inbound one opens a reply window, an outbound one answers the open ones. */
  @Operation(operationId = "recordTouchpoint", summary = "Record a contact with the client about an order",
      description = "An inbound contact opens a reply window (its length from `dmn/touchpoint-response-sla.dmn`); "
          + "the manager's outbound reply on the same order closes it. An inbound contact with `complaintKind` "
          + "opens an order case of that kind (origin `complaint`) in the same transaction. `managerId` defaults "
          + "to the caller for an outbound contact and to the order's manager for an inbound one.",
      responses = {
          @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "422", description = "`occurredAt` lies in the future, or a complaint that is "
              + "outbound or of an unknown case kind")})
  @PostMapping("/api/v1/crm/orders/{orderId}/touchpoints")
  ResponseEntity<Touchpoints.Touchpoint> record(@PathVariable long orderId,
      @Valid @RequestBody TouchpointRequest request) {
    Orders.Order order = orders.find(orderId).orElseThrow(() -> ApiProblems.notFound("Order", orderId));
    if (request.occurredAt().isAfter(OffsetDateTime.now().plusMinutes(5))) {
      throw ApiProblems.unprocessable("occurredAt lies in the future");
    }
    String manager = request.managerId() != null ? request.managerId()
        : Touchpoints.OUTBOUND.equals(request.direction()) ? currentUser.id().orElse(null) : order.managerId();
    Touchpoints.Touchpoint stored = touchpoints.record(new Touchpoints.NewTouchpoint(order.customerId(), orderId,
        request.channel(), request.direction(), manager, request.subject(), request.summary(), request.occurredAt(),
        null, "api", request.complaintKind())).touchpoint();
    return ResponseEntity.created(URI.create("/api/v1/crm/orders/" + orderId + "/touchpoints/" + stored.id()))
        .body(stored);
  }

  /** The order's contacts, newest first. */
  @Operation(operationId = "listTouchpoints", summary = "List an order's contacts, newest first")
  @GetMapping("/api/v1/crm/orders/{orderId}/touchpoints")
  Page<Touchpoints.Touchpoint> list(@PathVariable long orderId, @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    orders.find(orderId).orElseThrow(() -> ApiProblems.notFound("Order", orderId));
    return touchpoints.timeline(new Touchpoints.TimelineQuery(null, orderId, null, null, null, null, page, size));
  }
}
