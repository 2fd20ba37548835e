package com.cjmflow.payments.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.payments.Payments;
import com.cjmflow.platform.ApiProblems;
import com.cjmflow.platform.CurrentUser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Payments of an order: reserve, full and refund; reserve and full payments move the order's process on. */
@Tag(name = "Payments", description = "Reserve, full and refund payments; the first two move the order on")
@RestController
@RequestMapping("/api/v1/crm/orders/{orderId}/payments")
class PaymentController {

  static final String KINDS = "reserve|full|refund";

  record PaymentRequest(@NotNull @Pattern(regexp = KINDS) String kind,
      @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 10, fraction = 2) BigDecimal amount,
      @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
      @NotNull OffsetDateTime paidAt, @NotBlank @Size(max = 200) String reference) {}

  record PaymentResponse(long id, long orderId, String kind, BigDecimal amount, String currency,
      OffsetDateTime paidAt, String reference, String recordedBy, boolean processAdvanced) {}

  record PaymentPage(long orderId, List<Payments.Payment> items, int page, int size, long total,
      List<Payments.Totals> totals) {}

  private final Payments payments;
  private final CurrentUser currentUser;

  PaymentController(Payments payments, CurrentUser currentUser) {
    this.payments = payments;
    this.currentUser = currentUser;
  }

  /**
   * Records a payment: 201 when new, 200 with the stored one when (order, kind, reference) is known (nothing is
   * told to the process again); {@code processAdvanced} says whether the process was waiting for it.
   */
  @Operation(operationId = "recordPayment", summary = "Record a payment (reserve, full, refund)",
      responses = {
          @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "200", description = "Recorded before under this kind and reference",
              useReturnTypeSchema = true)})
  @PostMapping
  ResponseEntity<PaymentResponse> record(@PathVariable long orderId, @Valid @RequestBody PaymentRequest request) {
    Payments.Recorded recorded = payments.record(new Payments.NewPayment(orderId, request.kind(), request.amount(),
        request.currency() == null ? "EUR" : request.currency(), request.paidAt(), request.reference().trim(),
        currentUser.id().orElse(null)));
    Payments.Payment p = recorded.payment();
    var body = new PaymentResponse(p.id(), p.orderId(), p.kind(), p.amount(), p.currency(), p.paidAt(),
        p.reference(), p.recordedBy(), recorded.processAdvanced());
    return recorded.created()
        ? ResponseEntity.created(URI.create("/api/v1/crm/orders/" + orderId + "/payments/" + p.id())).body(body)
        : ResponseEntity.ok(body);
  }

  /** The order's payments, oldest first, optionally of one kind, with totals per currency. */
  @Operation(operationId = "listPayments", summary = "List an order's payments with totals")
  @GetMapping
  PaymentPage list(@PathVariable long orderId,
      @RequestParam(required = false) @Pattern(regexp = KINDS) @Parameter(description = "Only payments of this kind")
      String kind,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    Payments.Page result = payments.list(orderId, kind, page, size);
    return new PaymentPage(orderId, result.items(), result.page(), result.size(), result.total(), result.totals());
  }

  /** One payment of the order (the Location of a recorded payment). */
  @Operation(operationId = "getPayment", summary = "Read one payment")
  @GetMapping("/{paymentId}")
  Payments.Payment get(@PathVariable long orderId, @PathVariable long paymentId) {
    return payments.find(orderId, paymentId).orElseThrow(() -> ApiProblems.notFound("Payment", paymentId));
  }
}
