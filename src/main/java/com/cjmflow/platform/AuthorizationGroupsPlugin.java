package com.cjmflow.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Removes a full scan from every engine command that checks authorizations. Before its first check, Camunda's
 * {@link AuthorizationManager} reads {@code select distinct GROUP_ID_ from ACT_RU_AUTHORIZATION} — every row, and the
 * engine grants one row per open task to its candidate group — only to drop the caller's groups that hold no
 * authorization from the {@code GROUP_ID_ in (…)} lists of its checks. A group without authorizations matches no row
 * of those checks anyway, so passing the caller's groups unfiltered gives the same answers without the scan. It also
 * asks whether revoke authorizations exist once per few seconds per node instead of once per command
 * ({@link RevokeAuthorizations}).
 */
@Component
class AuthorizationGroupsPlugin extends AbstractProcessEnginePlugin {

  /** How long "no revoke authorization anywhere" is believed on this node (README "Cost per order"). */
  static final Duration REVOKES_CHECKED_EVERY = Duration.ofSeconds(5);

  private final RevokeAuthorizations revokes = new RevokeAuthorizations(REVOKES_CHECKED_EVERY);

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
        return new UnfilteredGroups(revokes);
      }
    });
  }

  /**
   * The authorization manager that checks against the caller's groups as they are, and skips Camunda's per-command
   * revoke question while no revoke authorization exists ({@link RevokeAuthorizations}).
   */
  static class UnfilteredGroups extends AuthorizationManager {

    private final RevokeAuthorizations revokes;

    UnfilteredGroups(RevokeAuthorizations revokes) {
      this.revokes = revokes;
    }

    @Override
    protected boolean isRevokeAuthCheckEnabled(String userId, List<String> groupIds) {
      String mode = Context.getProcessEngineConfiguration().getAuthorizationCheckRevokes();
      if (isRevokeAuthCheckUsed == null && (mode == null || "auto".equalsIgnoreCase(mode))
          && revokes.noneAnywhere()) {
        isRevokeAuthCheckUsed = false;
      }
      return super.isRevokeAuthCheckEnabled(userId, groupIds);
    }

    @Override
    public void insert(DbEntity entity) {
      revokes.saving(entity);
      super.insert(entity);
    }

    @Override
    public void update(AuthorizationEntity authorization) {
      revokes.saving(authorization);
      super.update(authorization);
    }
    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      return authenticatedGroupIds == null ? new ArrayList<>() : new ArrayList<>(new LinkedHashSet<>(authenticatedGroupIds));
    }
  }
}
