package com.cjmflow.platform;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.springframework.beans.factory.BeanFactory;

/**
 * Wraps the whole resolver chain of model and query expressions: no property read, write or method call on an object
 * of a dangerous type, and no member that leads to one, whatever way the expression spells it ({@code ''.getClass()},
 * {@code ''['class']}, {@code x['for'.concat('Name')](…)}: the check sees the resolved object and the computed name).
 */
final class GuardedElResolver extends ELResolver {

  /** Objects of these types (and their subtypes) are never a base of a property or method. */
  private static final List<Class<?>> FORBIDDEN_TYPES = List.of(Class.class, ClassLoader.class, Module.class,
      ModuleLayer.class, Runtime.class, ProcessBuilder.class, Process.class, ProcessHandle.class, System.class,
      Thread.class, ThreadGroup.class, StackWalker.class, BeanFactory.class, javax.sql.DataSource.class,
      java.sql.Connection.class, ProcessEngine.class, ProcessEngineServices.class, ProcessEngineConfiguration.class,
      CommandContext.class);
  private static final List<String> FORBIDDEN_PACKAGES = List.of("java.lang.reflect.", "java.lang.invoke.",
      "javax.script.", "jdk.internal.", "sun.", "org.springframework.jdbc.", "org.springframework.context.");
  /** Members that hand out a class, a class loader or the engine, on any object. */
  private static final Set<String> FORBIDDEN_MEMBERS = Set.of("class", "getClass", "classLoader", "getClassLoader",
      "contextClassLoader", "getContextClassLoader", "forName", "module", "getModule", "declaringClass",
      "getDeclaringClass", "processEngine", "getProcessEngine", "processEngineServices", "getProcessEngineServices",
      "processEngineConfiguration", "getProcessEngineConfiguration");

  private final ELResolver delegate;

  GuardedElResolver(ELResolver delegate) {
    this.delegate = delegate;
  }

  static void check(Object base, Object member) {
    if (base == null) {
      return;
    }
    Class<?> type = base.getClass();
    String typeName = type.getName();
    if (FORBIDDEN_TYPES.stream().anyMatch(forbidden -> forbidden.isAssignableFrom(type))
        || FORBIDDEN_PACKAGES.stream().anyMatch(typeName::startsWith) || base instanceof Class<?>) {
      throw new ExpressionRefused("expressions may not use objects of type " + typeName);
    }
    if (member != null && FORBIDDEN_MEMBERS.contains(member.toString())) {
      throw new ExpressionRefused("expressions may not use '" + member + "'");
    }
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    check(base, property);
    return delegate.getValue(context, base, property);
  }

  @Override
  public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    check(base, method);
    return delegate.invoke(context, base, method, paramTypes, params);
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    check(base, property);
    return delegate.getType(context, base, property);
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    check(base, property);
    delegate.setValue(context, base, property, value);
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    check(base, property);
    return delegate.isReadOnly(context, base, property);
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    check(base, null);
    return delegate.getFeatureDescriptors(context, base);
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return delegate.getCommonPropertyType(context, base);
  }

  @Override
  public Object convertToType(ELContext context, Object obj, Class<?> targetType) {
    return delegate.convertToType(context, obj, targetType);
  }
}
