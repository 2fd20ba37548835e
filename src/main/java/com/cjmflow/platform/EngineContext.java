package com.cjmflow.platform;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * The few things about the running engine command that Camunda's public API does not offer: who the command runs
 * for, running a step without the caller's authorization, and one command around several reads. The only place
 * outside engine plugins and parse listeners that touches {@code org.camunda.bpm.engine.impl} for modules.
 */
public final class EngineContext {

  private EngineContext() {}

  /** The user the current engine call is authenticated as, if any. */
  public static Optional<String> userId(ProcessEngineServices engine) {
    Authentication authentication = engine.getIdentityService().getCurrentAuthentication();
    return Optional.ofNullable(authentication).map(Authentication::getUserId);
  }

  /**
   * The groups the current engine call is authorized by, when it is authenticated as {@code userId} (and the
   * authentication names its groups); empty otherwise.
   */
  public static Optional<List<String>> groupsIfCaller(ProcessEngineServices engine, String userId) {
    return groupsIfCaller(engine.getIdentityService(), userId);
  }

  /** {@link #groupsIfCaller(ProcessEngineServices, String)} for a caller holding the identity service. */
  public static Optional<List<String>> groupsIfCaller(IdentityService identity, String userId) {
    Authentication authentication = identity.getCurrentAuthentication();
    return authentication != null && authentication.getUserId() != null
        && authentication.getUserId().equals(userId) ? Optional.ofNullable(authentication.getGroupIds())
        : Optional.empty();
  }

  /** Runs service bookkeeping inside the current engine command without the caller's authorization checks. */
  public static <T> T withoutAuthorization(Supplier<T> work) {
    return Context.getCommandContext().runWithoutAuthorization(work::get);
  }

  public static void withoutAuthorization(Runnable work) {
    withoutAuthorization(() -> {
      work.run();
      return null;
    });
  }

  /**
   * Whether the current engine command started the process instance (it is inserted with the command's flush), so
   * that it has no history yet to look for.
   */
  public static boolean startedInThisCommand(String processInstanceId) {
    CommandContext command = Context.getCommandContext();
    CachedDbEntity cached = command == null || processInstanceId == null ? null
        : command.getDbEntityManager().getDbEntityCache().getCachedEntity(ExecutionEntity.class, processInstanceId);
    return cached != null && cached.getEntityState() == DbEntityState.TRANSIENT;
  }

  /** A key of the current engine command, e.g. to compute something once per command; null outside a command. */
  public static Object currentCommand() {
    return Context.getCommandContext();
  }

  /** The activity a job belongs to (a timer: its timer event), which the public {@code Job} does not expose. */
  public static String activityIdOf(org.camunda.bpm.engine.runtime.Job job) {
    return job instanceof org.camunda.bpm.engine.impl.persistence.entity.JobEntity entity ? entity.getActivityId()
        : null;
  }

  /**
   * The timer event (or, for a task's timeout listener, the task) a timer job belongs to, read from its handler
   * configuration ({@code <activity id>[$…]}) — the same id as {@link #activityIdOf}'s job definition, without
   * reading the job definition.
   */
  public static String timerActivityIdOf(org.camunda.bpm.engine.runtime.Job job) {
    if (!(job instanceof org.camunda.bpm.engine.impl.persistence.entity.JobEntity entity)
        || entity.getJobHandlerConfigurationRaw() == null) {
      return null;
    }
    String configuration = entity.getJobHandlerConfigurationRaw();
    int end = configuration.indexOf('$');
    return end < 0 ? configuration : configuration.substring(0, end);
  }

  /** Runs {@code work} inside one engine command (in the caller's transaction, or a new one). */
  public static <T> T inCommand(ProcessEngine engine, Supplier<T> work) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return configuration.getCommandExecutorTxRequired().execute(context -> work.get());
  }
}
