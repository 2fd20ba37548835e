package com.cjmflow.kpi;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks of {@code processes/kpi-nightly-recompute.bpmn}: the engine's timer start event makes exactly one
 * node run them each night (a job), which recomputes the recent horizon and refreshes the stall flags.
 */
@Configuration(proxyBeanMethods = false)
class KpiNightly {

  private static final Logger LOG = LoggerFactory.getLogger(KpiNightly.class);

  @Bean
  JavaDelegate kpiRecomputeHorizon(KpiRuns runs) {
    return execution -> {
      var run = runs.runNow("nightly");
      execution.setVariable("kpiRunId", run.map(KpiRun::id).orElse(null));
      if (run.isEmpty()) {
        LOG.info("Nightly KPI recompute skipped: another run holds the lock");
      }
    };
  }

  @Bean
  JavaDelegate kpiRefreshStalls(KpiStalls stalls, Clock clock) {
    return execution -> {
      KpiStalls.Refresh refresh = stalls.refresh(clock.instant());
      execution.setVariable("stalledOrders", refresh.stalled());
    };
  }
}
