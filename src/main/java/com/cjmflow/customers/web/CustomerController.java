package com.cjmflow.customers.web;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
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

import com.cjmflow.customers.Customer360;
import com.cjmflow.customers.CustomerDirectory;
import com.cjmflow.customers.CustomerProfiles;
import com.cjmflow.platform.ApiProblems;
import com.cjmflow.platform.Page;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Customer profiles, the customer list and the customer 360. */
@Tag(name = "Customers", description = "Customer profiles, the customer list, the customer 360 and its details")
@RestController
@RequestMapping("/api/v1/crm/customers")
class CustomerController {

  static final String TYPES = "person|company";
  static final String STATUSES = "active|prospect|former";
  static final String TIERS = "standard|vip";
  private static final String NOT_BLANK = "(?s).*\\S.*";

  record ExternalIdRequest(@NotNull @Pattern(regexp = "[A-Za-z0-9_.-]{1,50}") String system,
      @NotBlank @Size(max = 200) String value) {}

  record CreateCustomerRequest(@NotBlank @Size(max = 200) String displayName,
      @Pattern(regexp = TYPES) String type, @Pattern(regexp = STATUSES) String status,
      @Pattern(regexp = TIERS) String tier, @Email @Size(max = 320) String email, @Size(max = 40) String phone,
      @Size(max = 20) List<@NotNull @Valid ExternalIdRequest> externalIds) {}

  /** Absent (or null) fields stay as they are; an empty e-mail or phone clears it. */
  record UpdateCustomerRequest(@Size(max = 200) @Pattern(regexp = NOT_BLANK) String displayName,
      @Pattern(regexp = TYPES) String type, @Pattern(regexp = STATUSES) String status,
      @Pattern(regexp = TIERS) String tier, @Email @Size(max = 320) String email, @Size(max = 40) String phone) {}

  private final CustomerProfiles profiles;
  private final CustomerDirectory directory;
  private final Customer360 order360;

  CustomerController(CustomerProfiles profiles, CustomerDirectory directory, Customer360 order360) {
    this.profiles = profiles;
    this.directory = directory;
    this.order360 = order360;
  }

  /** Creates a customer: 201 with the profile; 409 when one of its external ids belongs to another customer. */
  @Operation(operationId = "createCustomer", summary = "Create a customer",
      responses = {
          @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "409", description = "An external id belongs to another customer")})
  @PostMapping
  ResponseEntity<CustomerProfiles.Profile> create(@Valid @RequestBody CreateCustomerRequest request) {
    List<CustomerProfiles.ExternalId> externalIds = request.externalIds() == null ? List.of()
        : request.externalIds().stream().map(id -> new CustomerProfiles.ExternalId(id.system(), id.value())).toList();
    CustomerProfiles.Profile profile = profiles.create(new CustomerProfiles.NewCustomer(request.displayName(),
        request.type(), request.status(), request.tier(), request.email(), request.phone(), externalIds));
    return ResponseEntity.created(URI.create("/api/v1/crm/customers/" + profile.id())).body(profile);
  }

  /** The customers, filtered by text (name, e-mail, phone), tier, status and current owner; ordered by name. */
  @Operation(operationId = "listCustomers", summary = "List customers, ordered by name")
  @GetMapping
  Page<CustomerDirectory.Summary> list(@RequestParam(required = false) @Size(max = 200)
      @Parameter(description = "Text in the name, e-mail or phone") String q,
      @RequestParam(required = false) @Pattern(regexp = TIERS) @Parameter(description = "Only this tier") String tier,
      @RequestParam(required = false) @Pattern(regexp = STATUSES) @Parameter(description = "Only this status")
      String status,
      @RequestParam(required = false) @Size(max = 64) @Parameter(description = "Only customers this manager owns")
      String ownerManagerId,
      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
    return directory.list(new CustomerDirectory.Query(q, tier, status, ownerManagerId, page, size));
  }

  /** The plain profile with its external ids. */
  @Operation(operationId = "getCustomerProfile", summary = "Read a customer's profile")
  @GetMapping("/{customerId}/profile")
  CustomerProfiles.Profile profile(@PathVariable long customerId) {
    return profiles.find(customerId).orElseThrow(() -> ApiProblems.notFound("Customer", customerId));
  }

  /** Changes the fields present in the body and returns the profile. */
  @Operation(operationId = "updateCustomer", summary = "Update a customer's profile")
  @PatchMapping("/{customerId}")
  CustomerProfiles.Profile update(@PathVariable long customerId,
      @Valid @RequestBody UpdateCustomerRequest request) {
    return profiles.update(customerId, new CustomerProfiles.Changes(request.displayName(), request.type(),
        request.status(), request.tier(), request.email(), request.phone()));
  }

  /**
   * The customer 360 in one call: profile, preferences, channels, owner and its history, orders, the 20 newest
   * touchpoints, open follow-ups, SLA breaches and the counters of {@code crm_customer_360_v}.
   */
  @Operation(operationId = "getCustomer360", summary = "The customer 360")
  @GetMapping("/{customerId}")
  Customer360.View view(@PathVariable long customerId) {
    return order360.find(customerId).orElseThrow(() -> ApiProblems.notFound("Customer", customerId));
  }
}
