package com.cjmflow.backfill;

import com.cjmflow.platform.DomainException;

public class BackfillRunNotFound extends DomainException.NotFound {

  public BackfillRunNotFound(String runId) {
    super("Backfill run", runId);
  }
}
