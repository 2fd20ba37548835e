package com.cjmflow.platform;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * An expression tried to reach something the expression policy keeps out of models (reflection, class loaders,
 * processes, threads, the engine itself, or a Spring bean outside the allow-list). The engine REST answers 400; a job
 * fails with this message and, out of retries, becomes an incident.
 */
class ExpressionRefused extends BadUserRequestException {

  ExpressionRefused(String message) {
    super("Refused by CJM Flow expression policy: " + message);
  }
}
