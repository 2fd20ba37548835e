package com.cjmflow.stage;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * Lifecycle of every user task of every deployed model, with the task's {@code camunda:properties}. Implementations
 * are Spring beans, called in {@link org.springframework.core.annotation.Order} within the engine transaction.
 * They must not inject engine services (use {@code task.getProcessEngineServices()}).
 */
public interface TaskEvents {

  default void created(DelegateTask task, Map<String, String> properties) {}

  default void assigned(DelegateTask task, Map<String, String> properties) {}

  default void updated(DelegateTask task, Map<String, String> properties) {}

  default void completed(DelegateTask task, Map<String, String> properties) {}

  default void deleted(DelegateTask task, Map<String, String> properties) {}
}
