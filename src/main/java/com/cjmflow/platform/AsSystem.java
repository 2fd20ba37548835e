package com.cjmflow.platform;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls that are the service's own bookkeeping (reply windows, follow-up mirrors) without the caller's
 * engine authentication, so users need no rights on internal processes. The caller's authentication is restored.
 */
@Component
public class AsSystem {

  private final IdentityService identity;

  AsSystem(IdentityService identity) {
    this.identity = identity;
  }

  public <T> T call(Supplier<T> work) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  public void run(Runnable work) {
    call(() -> {
      work.run();
      return null;
    });
  }
}
