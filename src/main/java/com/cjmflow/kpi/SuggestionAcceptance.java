package com.cjmflow.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The port through which the scorecard shows what a manager did with the suggestions made to them (the AI services'
 * drafts, summaries and next best actions): the module that makes them implements it, so this module reads none of
 * its tables. Without an implementation the scorecard has no acceptance section.
 */
public interface SuggestionAcceptance {

  /** One service's suggestions to the manager in the period, and how many the manager used or dismissed. */
  @Schema(name = "ScorecardSuggestionUsage")
  record Usage(String service, long suggestions, long used, long dismissed) {}

  /** The manager's suggestions made from {@code from} (inclusive) to {@code to} (exclusive), per service. */
  List<Usage> of(String managerId, OffsetDateTime from, OffsetDateTime to);

  /** used / (used + dismissed) to four places; null without any verdict. */
  static BigDecimal rate(long used, long dismissed) {
    return used + dismissed == 0 ? null
        : BigDecimal.valueOf(used).divide(BigDecimal.valueOf(used + dismissed), 4, RoundingMode.HALF_UP);
  }
}
