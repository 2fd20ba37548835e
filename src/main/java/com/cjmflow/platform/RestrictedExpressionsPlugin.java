package com.cjmflow.platform;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * A process owner is trusted to model, not to run Java: every expression the engine evaluates (models, DMN JUEL if
 * one ever slipped through, stored filter functions) goes through {@link RestrictedExpressionManager}.
 */
@Component
@EnableConfigurationProperties(ExpressionPolicy.class)
class RestrictedExpressionsPlugin extends AbstractProcessEnginePlugin {

  private final ApplicationContext context;
  private final ExpressionPolicy policy;

  RestrictedExpressionsPlugin(ApplicationContext context, ExpressionPolicy policy) {
    this.context = context;
    this.policy = policy;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // Replaces the SpringExpressionManager that ProcessEngineFactoryBean set (it resolves every bean of the context).
    configuration.setExpressionManager(new RestrictedExpressionManager(context, policy.allowedBeans()));
  }
}
