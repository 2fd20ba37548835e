package com.cjmflow.platform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Removes a full scan from every engine command that checks authorizations. Before its first check, Camunda's
 * {@link AuthorizationManager} reads {@code select distinct GROUP_ID_ from ACT_RU_AUTHORIZATION} — every row, and the
 * engine grants one row per open task to its candidate group — only to drop the caller's groups that hold no
 * authorization from the {@code GROUP_ID_ in (…)} lists of its checks. A group without authorizations matches no row
 * of those checks anyway, so passing the caller's groups unfiltered gives the same answers without the scan.
 */
@Component
class AuthorizationGroupsPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomSessionFactories() == null) {
      configuration.setCustomSessionFactories(new ArrayList<>());
    }
    configuration.getCustomSessionFactories().add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new UnfilteredGroups();
      }
    });
  }

  /** The authorization manager that checks against the caller's groups as they are. */
  static class UnfilteredGroups extends AuthorizationManager {
    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      return authenticatedGroupIds == null ? new ArrayList<>() : new ArrayList<>(new LinkedHashSet<>(authenticatedGroupIds));
    }
  }
}
