package com.cjmflow.orderflow.web;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.customers.Customers;
import com.cjmflow.orderflow.LiveState;
import com.cjmflow.orderflow.OrderFlow;
import com.cjmflow.orderflow.Orders;
import com.cjmflow.platform.ApiProblems;
import com.cjmflow.stage.StageJourney;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Booking, cancellation and the journey of an order. */
@Tag(name = "Orders", description = "Booking an order (starts its process once), cancelling it, reading its journey")
@RestController
@RequestMapping("/api/v1/crm/orders")
class OrderController {

  record CustomerRequest(@NotBlank @Size(max = 200) String name, @Size(max = 40) String phone,
      @Email @Size(max = 320) String email, @Pattern(regexp = "standard|vip") String tier) {
    @AssertTrue(message = "an e-mail or a phone is required")
    boolean isReachable() {
      return (email != null && !email.isBlank()) || (phone != null && !phone.isBlank());
    }
  }

  record BikeRequest(@NotBlank @Size(max = 300) String title,
      @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 code") String sellerCountry,
      @NotNull @DecimalMin("0.01") @Digits(integer = 10, fraction = 2) BigDecimal priceEur) {}

  record BookingRequest(@NotBlank @Size(max = 100) String externalId, @NotNull @Valid CustomerRequest customer,
      @NotNull @Valid BikeRequest bike, Boolean reserveRequired, Boolean expertInspection) {}

  record BookingResponse(long orderId, String processInstanceId, String status) {}

  record CancellationRequest(@NotBlank @Size(max = 2000) String reason) {}

  record JourneyResponse(long orderId, String externalId, String status, String processInstanceId,
      List<StageJourney.StageVisit> stages, List<StageJourney.JourneyEvent> events,
      List<LiveState.OpenTask> openTasks, List<LiveState.PendingTimer> pendingTimers, StageJourney.Delay delay) {}

  static final String BOOKING = """
      {"externalId": "web-1042",
       "customer": {"name": "Ivan Petrov", "phone": "+7 900 000-00-00", "email": "ivan@example.ru",
                    "tier": "standard"},
       "bike": {"title": "Canyon Ultimate CF SL 2022", "sellerCountry": "DE", "priceEur": 1850},
       "reserveRequired": false, "expertInspection": false}""";

  private final OrderFlow orderFlow;
  private final Orders orders;
  private final StageJourney journey;
  private final LiveState live;

  OrderController(OrderFlow orderFlow, Orders orders, StageJourney journey, LiveState live) {
    this.orderFlow = orderFlow;
    this.orders = orders;
    this.journey = journey;
    this.live = live;
  }

  /** Books an order: 201 with the new order, or 200 with the existing one when the external id is known. */
  @Operation(operationId = "bookOrder", summary = "Book an order (idempotent by externalId)",
      description = "Finds the customer by e-mail or phone (or creates them), stores the order and starts its "
          + "process, in one transaction. The same `externalId` again answers 200 with the same order and starts "
          + "nothing.",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
          examples = @ExampleObject(name = "website", summary = "A booking from the website", value = BOOKING))),
      responses = {
          @ApiResponse(responseCode = "201", description = "Booked; `Location` is the order's journey",
              useReturnTypeSchema = true),
          @ApiResponse(responseCode = "200", description = "Booked before under this externalId: the same order",
              useReturnTypeSchema = true)})
  @PostMapping
  ResponseEntity<BookingResponse> book(@Valid @RequestBody BookingRequest request) {
    var customer = request.customer();
    var bike = request.bike();
    OrderFlow.Booking booking = orderFlow.book(new OrderFlow.NewOrder(request.externalId().trim(),
        new Customers.Contact(customer.name(), customer.email(), customer.phone(),
            customer.tier() == null ? "standard" : customer.tier()),
        bike.title().trim(), bike.sellerCountry(), bike.priceEur(),
        Boolean.TRUE.equals(request.reserveRequired()), Boolean.TRUE.equals(request.expertInspection())));
    var body = new BookingResponse(booking.orderId(), booking.processInstanceId(), booking.status());
    return booking.created()
        ? ResponseEntity.created(URI.create("/api/v1/crm/orders/" + booking.orderId() + "/cjm")).body(body)
        : ResponseEntity.ok(body);
  }

  /** Requests cancellation: 202 when accepted, 409 once the bike has shipped to Russia. */
  @Operation(operationId = "cancelOrder", summary = "Request the cancellation of an order",
      description = "Possible until the bike ships to Russia; a refund task follows when money was received.",
      responses = {
          @ApiResponse(responseCode = "202", description = "Accepted: the order's process cancels it"),
          @ApiResponse(responseCode = "409", description = "The order can no longer be cancelled")})
  @PostMapping("/{orderId}/cancellation")
  ResponseEntity<Void> cancel(@PathVariable long orderId, @Valid @RequestBody CancellationRequest request) {
    orderFlow.cancel(orderId, request.reason());
    return ResponseEntity.accepted().build();
  }

  /** The order's journey in one call: status, stage instances, journey events, open tasks, pending timers. */
  @Operation(operationId = "getJourney", summary = "The journey of an order in one call",
      description = "Status, stage instances (entered, left, duration, SLA due, breached), journey events, open "
          + "tasks and pending timers.")
  @GetMapping("/{orderId}/cjm")
  JourneyResponse cjm(@PathVariable long orderId) {
    Orders.Order order = orders.find(orderId).orElseThrow(() -> ApiProblems.notFound("Order", orderId));
    String processInstanceId = order.processInstanceId();
    LiveState.Live now = live.visibleLive(processInstanceId);
    List<StageJourney.StageVisit> stages = journey.stages(orderId);
    return new JourneyResponse(order.id(), order.externalId(), order.status(), processInstanceId,
        stages, journey.events(orderId), now.openTasks(), now.pendingTimers(), StageJourney.delay(stages));
  }
}
