package com.cjmflow.customers.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.customers.CustomerReference;
import com.cjmflow.platform.ApiProblems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Seed 004 §4: the canonical customer reference, and the scores analytics writes back. */
@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = "Customer reference")
class CustomerReferenceController {

  static final String SCHEMA = "schemas/customer_reference.schema.json";

  record ScoresRequest(
      @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 4) BigDecimal lead,
      @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 4) BigDecimal churn,
      @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 4) BigDecimal risk,
      @NotBlank @Size(max = 100) String source, OffsetDateTime scoredAt) {
    @AssertTrue(message = "at least one of lead, churn, risk is required")
    boolean isAnyScore() {
      return lead != null || churn != null || risk != null;
    }
  }

  private final CustomerReference references;
  private final byte[] schema;

  CustomerReferenceController(CustomerReference references) {
    this.references = references;
    try (InputStream in = new ClassPathResource(SCHEMA).getInputStream()) {
      this.schema = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load " + SCHEMA, e);
    }
  }

  @GetMapping("/schema")
  @Operation(summary = "The customer reference JSON Schema (customer_reference.schema.json)")
  ResponseEntity<byte[]> schema() {
    return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/schema+json")).body(schema.clone());
  }

  @GetMapping("/{customerId}")
  @Operation(summary = "The customer as a canonical reference: stable customer_id UUID, external ids, type, display "
      + "name, status, master domain owner, current scores")
  CustomerReference.Reference get(@PathVariable long customerId) {
    return references.find(customerId).orElseThrow(() -> ApiProblems.notFound("Customer", customerId));
  }

  @PatchMapping("/{customerId}/scores")
  @Operation(summary = "Write back lead, churn and risk scores (0–100) with their source and time; every write kept")
  CustomerReference.Reference scores(@PathVariable long customerId, @Valid @RequestBody ScoresRequest request) {
    return references.writeScores(customerId, new CustomerReference.NewScores(request.lead(), request.churn(),
        request.risk(), request.source().trim(), request.scoredAt()));
  }
}
