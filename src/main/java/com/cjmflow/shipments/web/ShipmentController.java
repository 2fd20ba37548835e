package com.cjmflow.shipments.web;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.shipments.Shipments;
import com.cjmflow.platform.ApiProblems;
import com.cjmflow.platform.CurrentUser;
import com.cjmflow.platform.Page;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Shipments of an order (seller → warehouse or expert, warehouse → Russia) with carrier and tracking number. */
@Tag(name = "Shipments", description = "Shipment legs of an order with carrier and tracking number")
@RestController
@RequestMapping("/api/v1/crm")
class ShipmentController {

  static final String LEGS = "seller_to_warehouse|seller_to_expert|warehouse_to_russia";

  record ShipmentRequest(@NotNull @Pattern(regexp = LEGS) String leg, @NotBlank @Size(max = 100) String carrier,
      @NotNull @Size(min = 1, max = 100) @Pattern(regexp = "[A-Za-z0-9-]+") String trackingNumber,
      @NotNull OffsetDateTime shippedAt) {}

  record DeliveredRequest(@NotNull OffsetDateTime deliveredAt) {}

  record ShipmentPage(long orderId, List<Shipments.Shipment> items, int page, int size, long total) {}

  private final Shipments shipments;
  private final CurrentUser currentUser;

  ShipmentController(Shipments shipments, CurrentUser currentUser) {
    this.shipments = shipments;
    this.currentUser = currentUser;
  }

  /**
   * Records a shipment: 201 when new, 200 when the same carrier and tracking number were recorded for this order,
   * 409 when they belong to another order, 422 when the leg does not fit the order.
   */
  @Operation(operationId = "recordShipment", summary = "Record a shipment",
      responses = {
          @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "200", description = "Recorded before for this order",
              useReturnTypeSchema = true),
          @ApiResponse(responseCode = "409", description = "The carrier and tracking number belong to another order"),
          @ApiResponse(responseCode = "422", description = "The leg does not fit the order")})
  @PostMapping("/orders/{orderId}/shipments")
  ResponseEntity<Shipments.Shipment> record(@PathVariable long orderId,
      @Valid @RequestBody ShipmentRequest request) {
    Shipments.Recorded recorded = shipments.record(new Shipments.NewShipment(orderId, request.leg(),
        request.carrier().trim(), request.trackingNumber(), request.shippedAt(), currentUser.id().orElse(null)));
    Shipments.Shipment shipment = recorded.shipment();
    return recorded.created()
        ? ResponseEntity.created(URI.create("/api/v1/crm/shipments/" + shipment.id())).body(shipment)
        : ResponseEntity.ok(shipment);
  }

  /** The order's shipments, oldest first, optionally of one leg. */
  @Operation(operationId = "listShipments", summary = "List an order's shipments")
  @GetMapping("/orders/{orderId}/shipments")
  ShipmentPage list(@PathVariable long orderId, @RequestParam(required = false) @Pattern(regexp = LEGS)
      @Parameter(description = "Only shipments of this leg") String leg,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    Page<Shipments.Shipment> result = shipments.list(orderId, leg, page, size);
    return new ShipmentPage(orderId, result.items(), result.page(), result.size(), result.total());
  }

  /** One shipment (the Location of a recorded shipment). */
  @Operation(operationId = "getShipment", summary = "Read one shipment")
  @GetMapping("/shipments/{shipmentId}")
  Shipments.Shipment get(@PathVariable long shipmentId) {
    return shipments.find(shipmentId).orElseThrow(() -> ApiProblems.notFound("Shipment", shipmentId));
  }

  /** Marks the shipment delivered: 200; the same time again is a no-op, another time 409; unknown 404. */
  @Operation(operationId = "markShipmentDelivered", summary = "Mark a shipment delivered",
      responses = {
          @ApiResponse(responseCode = "200", description = "Delivered (the same time again changes nothing)",
              useReturnTypeSchema = true),
          @ApiResponse(responseCode = "409", description = "The shipment was delivered at another time"),
          @ApiResponse(responseCode = "422", description = "Delivered before it was shipped")})
  @PatchMapping("/shipments/{shipmentId}/delivered")
  Shipments.Shipment delivered(@PathVariable long shipmentId, @Valid @RequestBody DeliveredRequest request) {
    return shipments.delivered(shipmentId, request.deliveredAt(), currentUser.id().orElse(null));
  }
}
