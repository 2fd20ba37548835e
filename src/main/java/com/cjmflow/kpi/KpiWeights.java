package com.cjmflow.kpi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.DecisionRows;
import com.cjmflow.platform.EngineContext;

/**
 * The process owner's scorecard weights: {@code dmn/kpi-score-weights.dmn} (latest deployed version), one row per
 * component with its weight, group, target and whether higher or lower is better.
 */
@Component
class KpiWeights {

  static final String DECISION_KEY = "kpi-score-weights";

  /** One row of the table. */
  record Weight(double weight, String group, double target, boolean higherIsBetter) {}

  private final ProcessEngine engine;

  KpiWeights(ProcessEngine engine) {
    this.engine = engine;
  }

  /** The weight of each component that has a row, evaluated inside one engine command. */
  Map<String, Weight> of(List<String> components) {
    return EngineContext.inCommand(engine, () -> {
      Map<String, Weight> weights = new LinkedHashMap<>();
      for (String component : components) {
        Optional.ofNullable(DecisionRows.first(DECISION_KEY, Map.of("component", component)).orElse(null))
            .ifPresent(row -> weights.put(component, new Weight(number(row.getEntry("weight")),
                row.getEntry("group"), number(row.getEntry("target")), !"lower".equals(row.getEntry("better")))));
      }
      return weights;
    });
  }

  private static double number(Object value) {
    return value == null ? 0 : ((Number) value).doubleValue();
  }
}
