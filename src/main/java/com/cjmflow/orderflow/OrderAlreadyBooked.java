package com.cjmflow.orderflow;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import com.cjmflow.platform.ApiProblems;

/**
 * {@code OrderBooked} for an external id that is booked already (sequentially, or by a parallel request that won):
 * 409 {@code urn:cjm:problem:order-exists} naming the existing order, so a system that speaks Camunda can link to it.
 * Nothing of the second booking is written. (The booking API answers such a repeat with 200 and the order instead.)
 */
public class OrderAlreadyBooked extends ErrorResponseException {

  OrderAlreadyBooked(String externalId, Orders.Order existing) {
    super(HttpStatus.CONFLICT, problem(externalId, existing), null);
  }

  private static ProblemDetail problem(String externalId, Orders.Order existing) {
    ProblemDetail problem = ApiProblems.detail(HttpStatus.CONFLICT, "order-exists", "An order with external id "
        + externalId + " exists already" + (existing == null ? "" : ": order " + existing.id()));
    problem.setProperty("externalId", externalId);
    if (existing != null) {
      problem.setProperty("orderId", existing.id());
      problem.setProperty("processInstanceId", existing.processInstanceId());
    }
    return problem;
  }
}
