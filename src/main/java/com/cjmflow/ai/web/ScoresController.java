package com.cjmflow.ai.web;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.ai.CustomerScoring;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Recompute one customer's lead, churn and routing scores now (they are also recomputed nightly and on events). */
@RestController
@RequestMapping("/ai/crm/scores")
@Tag(name = "AI services")
class ScoresController {

  private final CustomerScoring scoring;

  ScoresController(CustomerScoring scoring) {
    this.scoring = scoring;
  }

  @PostMapping("/{customerId}/recompute")
  @Operation(summary = "Recompute a customer's lead score, churn risk and contact routing from the decision tables "
      + "(lead-score, churn-risk, contact-routing) and write them as the customer's scores",
      responses = {
          @ApiResponse(responseCode = "200", description = "The scores, the rules behind them and the features",
              useReturnTypeSchema = true),
          @ApiResponse(responseCode = "404", description = "The customer does not exist")})
  CustomerScoring.Result recompute(@PathVariable @Parameter(description = "The customer's internal id")
      long customerId) {
    return scoring.score(customerId);
  }
}
