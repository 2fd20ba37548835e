package com.cjmflow.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A manager's scorecard for a period: the aggregates of the daily facts, the 0–100 score and its group scores, every
 * component with its value, target, weight and points, the daily facts behind it, and how many of the AI services'
 * suggestions the manager used ({@link SuggestionAcceptance}; shown, not weighted into the score).
 */
public record Scorecard(long id, String managerId, String periodKind, LocalDate periodStart, LocalDate periodEnd,
    BigDecimal score, Map<String, BigDecimal> groupScores, Map<String, Object> totals, List<Component> components,
    List<Map<String, Object>> dailyFacts, OffsetDateTime computedAt, AiAcceptance aiAcceptance) {

  /** One scored component; {@code value} null = no data in the period (left out of the score). */
  public record Component(String component, String group, BigDecimal value, BigDecimal target, BigDecimal normalized,
      BigDecimal weight, BigDecimal points) {}

  /**
   * The AI suggestions made to the manager in the period (by day in the managers' zone) and the acceptance rate:
   * used / (used + dismissed), null without any verdict; per service below.
   */
  @io.swagger.v3.oas.annotations.media.Schema(name = "ScorecardAiAcceptance")
  public record AiAcceptance(long suggestions, long used, long dismissed, BigDecimal acceptanceRate,
      List<SuggestionAcceptance.Usage> byService) {}
}
