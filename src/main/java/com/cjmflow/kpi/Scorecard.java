package com.cjmflow.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A manager's scorecard for a period: the aggregates of the daily facts, the 0–100 score and its group scores, every
 * component with its value, target, weight and points, and the daily facts behind it.
 */
public record Scorecard(long id, String managerId, String periodKind, LocalDate periodStart, LocalDate periodEnd,
    BigDecimal score, Map<String, BigDecimal> groupScores, Map<String, Object> totals, List<Component> components,
    List<Map<String, Object>> dailyFacts, OffsetDateTime computedAt) {

  /** One scored component; {@code value} null = no data in the period (left out of the score). */
  public record Component(String component, String group, BigDecimal value, BigDecimal target, BigDecimal normalized,
      BigDecimal weight, BigDecimal points) {}
}
