package com.cjmflow.kpi.process;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.cjmflow.kpi.KpiRun;
import com.cjmflow.kpi.KpiRuns;
import com.cjmflow.kpi.KpiStalls;
import com.cjmflow.platform.ProcessVariable;

/**
 * The service tasks of {@code processes/kpi-nightly-recompute.bpmn}: the engine's timer start event makes exactly one
 * node run them each night (a job), which recomputes the recent horizon and refreshes the stall flags.
 */
@Configuration(proxyBeanMethods = false)
class KpiNightly {

  /** The run this night's recompute started; null when another run held the lock. */
  static final ProcessVariable<String> KPI_RUN_ID = ProcessVariable.stringValue("kpiRunId");
  /** How many orders the refresh found stalled. */
  static final ProcessVariable<Integer> STALLED_ORDERS = ProcessVariable.intValue("stalledOrders");

  private static final Logger LOG = LoggerFactory.getLogger(KpiNightly.class);

  @Bean
  JavaDelegate kpiRecomputeHorizon(KpiRuns runs) {
    return execution -> {
      var run = runs.runNow("nightly");
      KPI_RUN_ID.set(execution, run.map(KpiRun::id).orElse(null));
      if (run.isEmpty()) {
        LOG.info("Nightly KPI recompute skipped: another run holds the lock");
      }
    };
  }

  @Bean
  JavaDelegate kpiRefreshStalls(KpiStalls stalls, Clock clock) {
    return execution -> {
      KpiStalls.Refresh refresh = stalls.refresh(clock.instant());
      STALLED_ORDERS.set(execution, refresh.stalled());
    };
  }
}
