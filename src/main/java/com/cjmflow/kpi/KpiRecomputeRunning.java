package com.cjmflow.kpi;

import com.cjmflow.platform.DomainException;

/** Another node (or request) holds the KPI lock: one recompute at a time. */
public class KpiRecomputeRunning extends DomainException.StateConflict {

  public KpiRecomputeRunning() {
    super("A KPI recompute is already running");
  }
}
