package com.cjmflow.platform;

import java.time.Duration;
import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * Which version of a decision is the latest deployed one, believed on this node ({@link NodeBelief}) instead of
 * selected from {@code ACT_RE_DECISION_DEF} at every evaluation ({@link DecisionRows}: every stage entry and every SLA
 * rung evaluates {@code stage-sla}); the definition itself comes from the engine's deployment cache by id. A
 * deployment with decisions made on this node counts at once (a post-deployer, when it deploys and again when it
 * commits); a version undeployed here is gone from the deployment cache, so the latest is read again; one deployed or
 * undeployed on another node counts after at most {@link #CHECKED_EVERY}, as revoke authorizations do.
 */
@Component
class LatestDecisions extends AbstractProcessEnginePlugin implements Deployer {

  /** How long a latest version is believed on this node without asking the database (README "Cost per order"). */
  static final Duration CHECKED_EVERY = AuthorizationGroupsPlugin.REVOKES_CHECKED_EVERY;

  private final NodeBelief<String, String> ids = new NodeBelief<>(CHECKED_EVERY);

  /** The engine session through which {@link DecisionRows} finds this engine's belief. */
  record Ids(LatestDecisions latest) implements Session {
    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostDeployers() == null) {
      configuration.setCustomPostDeployers(new ArrayList<>());
    }
    configuration.getCustomPostDeployers().add(this);
    if (configuration.getCustomSessionFactories() == null) {
      configuration.setCustomSessionFactories(new ArrayList<>());
    }
    Ids session = new Ids(this);
    configuration.getCustomSessionFactories().add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return Ids.class;
      }

      @Override
      public Session openSession() {
        return session;
      }
    });
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (deployment.isNew() && deployment.getDeployedDecisionDefinitions() != null
        && !deployment.getDeployedDecisionDefinitions().isEmpty()) {
      ids.changing(ids::forgetAll);
    }
  }

  /**
   * The latest deployed version of the decision, inside an engine command: from the deployment cache by the id
   * believed here, else as Camunda finds it (by key, one select).
   */
  static DecisionDefinition of(String decisionKey) {
    ProcessEngineConfigurationImpl engine = Context.getProcessEngineConfiguration();
    DeploymentCache deployments = engine.getDeploymentCache();
    if (!engine.getSessionFactories().containsKey(Ids.class)) { // an engine without this plugin (engine-only tests)
      return deployments.findDeployedLatestDecisionDefinitionByKey(decisionKey);
    }
    NodeBelief<String, String> ids = Context.getCommandContext().getSession(Ids.class).latest().ids;
    String id = ids.get(decisionKey, key -> deployments.findDeployedLatestDecisionDefinitionByKey(key).getId());
    DecisionDefinition cached = deployments.findDecisionDefinitionFromCache(id);
    if (cached != null) {
      return cached;
    }
    ids.forget(decisionKey); // undeployed here, or evicted from the deployment cache
    return deployments.findDeployedLatestDecisionDefinitionByKey(decisionKey);
  }
}
