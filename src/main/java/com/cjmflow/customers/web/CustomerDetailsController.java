package com.cjmflow.customers.web;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.platform.CurrentUser;
import com.cjmflow.customers.CustomerChannels;
import com.cjmflow.customers.CustomerOwners;
import com.cjmflow.customers.CustomerPreferences;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A customer's channel map, preferences and owning manager. */
@Tag(name = "Customers")
@RestController
@RequestMapping("/api/v1/crm/customers/{customerId}")
class CustomerDetailsController {

  record ChannelRequest(@NotNull @Pattern(regexp = "phone|email|whatsapp|telegram|vk|other") String channel,
      @NotBlank @Size(max = 320) String address, Boolean primary, Boolean consent) {
    @AssertTrue(message = "an email channel needs an e-mail address")
    boolean isAddressFitForChannel() {
      return !"email".equals(channel) || address == null || address.trim().matches("[^@\\s]+@[^@\\s]+");
    }
  }

  record PreferenceRequest(@NotBlank @Size(max = 2000) String value,
      @Pattern(regexp = "preference|constraint") String kind) {}

  record OwnerRequest(@NotBlank @Size(max = 64) String managerId) {}

  private final CustomerChannels channels;
  private final CustomerPreferences preferences;
  private final CustomerOwners owners;
  private final CurrentUser currentUser;

  CustomerDetailsController(CustomerChannels channels, CustomerPreferences preferences, CustomerOwners owners,
      CurrentUser currentUser) {
    this.channels = channels;
    this.preferences = preferences;
    this.owners = owners;
    this.currentUser = currentUser;
  }

  /** Adds a contact channel (201); 409 when the customer has the address on that channel already. */
  @Operation(operationId = "addCustomerChannel", summary = "Add a contact channel",
      responses = @ApiResponse(responseCode = "409", description = "The customer has this address on this channel"))
  @PostMapping("/channels")
  @ResponseStatus(HttpStatus.CREATED)
  CustomerChannels.Channel addChannel(@PathVariable long customerId, @Valid @RequestBody ChannelRequest request) {
    return channels.add(customerId, new CustomerChannels.NewChannel(request.channel(), request.address(),
        Boolean.TRUE.equals(request.primary()), !Boolean.FALSE.equals(request.consent())));
  }

  /** Sets a preference or constraint under a key ({@code [a-z0-9_.-]{1,100}}) and returns it. */
  @Operation(operationId = "setCustomerPreference", summary = "Set a preference or constraint")
  @PutMapping("/preferences/{key}")
  CustomerPreferences.Preference setPreference(@PathVariable long customerId,
      @PathVariable @Parameter(description = "The preference's key, e.g. `contact_time`")
      @Pattern(regexp = "[a-z0-9_.-]{1,100}") String key,
      @Valid @RequestBody PreferenceRequest request) {
    return preferences.set(customerId, key, request.value(),
        request.kind() == null ? "preference" : request.kind());
  }

  /**
   * Makes a sales manager or head of sales the owner (422 for anyone else) and returns the ownership history,
   * newest first; assigning the current owner again changes nothing.
   */
  @Operation(operationId = "assignCustomerOwner", summary = "Assign the owning manager",
      responses = {
          @ApiResponse(responseCode = "200", description = "The ownership history, newest first",
              useReturnTypeSchema = true),
          @ApiResponse(responseCode = "422", description = "The user is not a sales manager or head of sales")})
  @PutMapping("/owner")
  List<CustomerOwners.OwnerLink> assignOwner(@PathVariable long customerId,
      @Valid @RequestBody OwnerRequest request) {
    return owners.assign(customerId, request.managerId().trim(), currentUser.id().orElse(null));
  }
}
