package com.cjmflow.backfill;

/** Progress of a backfill run: a step started, moved on or finished, with how many of the steps are done. */
@FunctionalInterface
public interface BackfillProgress {
  void step(String name, int done, int total, String summary);
}
