package com.cjmflow.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
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

  /**
   * Runs engine calls that the endpoint has already authorized ({@code security/roles.yaml}) with the engine's admin
   * rights (the caller's groups plus {@code camunda-admin}) but in the caller's name, so the engine's user operation
   * log, and the manager activity built from it, still names who did it (e.g. the booking system correlating a
   * payment). Without a caller it simply runs.
   */
  public <T> T onBehalfOfCaller(Supplier<T> work) {
    Authentication caller = identity.getCurrentAuthentication();
    if (caller == null) {
      return work.get();
    }
    List<String> groups = new ArrayList<>(caller.getGroupIds() == null ? List.of() : caller.getGroupIds());
    groups.add(Groups.CAMUNDA_ADMIN); // the caller's own groups stay: who they are is still asked of them
    identity.setAuthentication(caller.getUserId(), groups, caller.getTenantIds());
    try {
      return work.get();
    } finally {
      identity.setAuthentication(caller);
    }
  }

  public void run(Runnable work) {
    call(() -> {
      work.run();
      return null;
    });
  }
}
