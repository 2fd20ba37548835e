package com.cjmflow.platform;

import java.util.Set;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.BaseDelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.el.Expression;
import org.camunda.bpm.engine.impl.el.JuelExpression;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.impl.el.VariableContextElResolver;
import org.camunda.bpm.engine.impl.el.VariableScopeElResolver;
import org.camunda.bpm.engine.spring.ApplicationContextElResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ArrayELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.BeanELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ListELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.MapELResolver;
import org.springframework.context.ApplicationContext;

/**
 * The engine's JUEL with what models and queries may reach cut down: process variables ({@code execution},
 * {@code task} and the variables of the scope), the allow-listed Spring beans of {@link ExpressionPolicy}, lists,
 * maps and arrays, and bean properties/methods on those — all behind {@link GuardedElResolver}. Unlike the
 * {@code SpringExpressionManager} it replaces, it has no resolver for the whole application context and none for
 * Camunda's test mocks.
 */
final class RestrictedExpressionManager extends JuelExpressionManager {

  private final ApplicationContext beans;
  private final Set<String> allowedBeans;

  RestrictedExpressionManager(ApplicationContext beans, Set<String> allowedBeans) {
    this.beans = beans;
    this.allowedBeans = allowedBeans;
  }

  @Override
  protected ELResolver createElResolver() {
    CompositeELResolver chain = new CompositeELResolver();
    chain.add(new VariableScopeElResolver());
    chain.add(new VariableContextElResolver());
    chain.add(new AllowListedBeans(beans, allowedBeans));
    chain.add(new ArrayELResolver());
    chain.add(new ListELResolver());
    chain.add(new MapELResolver());
    chain.add(new BeanELResolver());
    return new GuardedElResolver(chain);
  }

  @Override
  public Expression createExpression(String expression) {
    ensureInitialized();
    return new Guarded(createValueExpression(expression), this, expression);
  }

  /** Resolves a top-level name to a Spring bean only when the policy lists it; names any other bean as refused. */
  private static final class AllowListedBeans extends ApplicationContextElResolver {
    private final Set<String> allowed;

    AllowListedBeans(ApplicationContext beans, Set<String> allowed) {
      super(beans);
      this.allowed = allowed;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
      if (base != null || !(property instanceof String name) || !applicationContext.containsBean(name)) {
        return null;
      }
      if (!allowed.contains(name)) {
        throw new ExpressionRefused("the bean '" + name + "' is not one models may use (cjm.expressions.beans)");
      }
      context.setPropertyResolved(true);
      return applicationContext.getBean(name);
    }
  }

  /** Surfaces a refusal as itself (400 over REST), not wrapped in the engine's generic evaluation error. */
  private static final class Guarded extends JuelExpression {
    Guarded(org.camunda.bpm.impl.juel.jakarta.el.ValueExpression value, JuelExpressionManager manager, String text) {
      super(value, manager, text);
    }

    @Override
    public Object getValue(VariableScope scope, BaseDelegateExecution contextExecution) {
      try {
        return super.getValue(scope, contextExecution);
      } catch (ProcessEngineException e) {
        throw refusal(e);
      }
    }

    @Override
    public void setValue(Object value, VariableScope scope, BaseDelegateExecution contextExecution) {
      try {
        super.setValue(value, scope, contextExecution);
      } catch (ProcessEngineException e) {
        throw refusal(e);
      }
    }

    private ProcessEngineException refusal(ProcessEngineException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof ExpressionRefused refused) {
          return new ExpressionRefused(refused.getMessage().replaceFirst("^Refused by CJM Flow expression policy: ",
              "") + " — in " + expressionText);
        }
      }
      return e;
    }
  }
}
