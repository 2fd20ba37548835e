package com.cjmflow.backfill;

import com.cjmflow.platform.DomainException;

/** Another backfill run holds the cluster-wide lock: one run at a time. */
public class BackfillRunning extends DomainException.StateConflict {

  public BackfillRunning(String runId) {
    super("Backfill run " + runId + " is running; one run at a time");
  }
}
