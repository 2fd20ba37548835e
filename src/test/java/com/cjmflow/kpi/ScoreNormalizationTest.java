package com.cjmflow.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A component's value against its target, 0..1, without a database or a decision table. */
class ScoreNormalizationTest {

  private static final KpiWeights.Weight HIGHER = new KpiWeights.Weight(2, "execution_quality", 0.8, true);
  private static final KpiWeights.Weight LOWER = new KpiWeights.Weight(1, "speed", 3600, false);

  @Test
  void higherIsBetterIsTheShareOfTheTargetCappedAtOne() {
    assertThat(KpiScorecards.normalize(0.4, HIGHER)).isEqualTo(0.5);
    assertThat(KpiScorecards.normalize(0.8, HIGHER)).isEqualTo(1.0);
    assertThat(KpiScorecards.normalize(0.95, HIGHER)).isEqualTo(1.0);
    assertThat(KpiScorecards.normalize(0.0, HIGHER)).isZero();
  }

  @Test
  void lowerIsBetterIsTheTargetOverTheValueAndFullAtOrBelowTheTarget() {
    assertThat(KpiScorecards.normalize(1800, LOWER)).isEqualTo(1.0);
    assertThat(KpiScorecards.normalize(3600, LOWER)).isEqualTo(1.0);
    assertThat(KpiScorecards.normalize(7200, LOWER)).isEqualTo(0.5);
  }

  @Test
  void aTargetOfZeroForHigherIsBetterIsAlwaysMet() {
    assertThat(KpiScorecards.normalize(0.0, new KpiWeights.Weight(1, "client_care", 0, true))).isEqualTo(1.0);
  }
}
