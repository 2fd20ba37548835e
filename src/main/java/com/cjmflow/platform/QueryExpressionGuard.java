package com.cjmflow.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.SaveFilterCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.query.Query;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;

/**
 * Queries never evaluate what a user wrote (CVE-2026-109432: 7.24.0 CE evaluates expressions inside the OR branches
 * of task queries even with ad hoc expressions disabled). A command interceptor inspects every query command on the
 * parsed query object, after the REST API or the webapps decoded it (any JSON escape, any charset), before anything
 * is evaluated:
 * <ul>
 *   <li>ad hoc queries ({@code /task}, {@code /task/count}, the Java API) and the extending query of a filter
 *   ({@code /filter/{id}/list} body): no expression at all, main query and every OR branch;</li>
 *   <li>stored filter queries (saved, or run by {@code FilterService}): only the Tasklist functions of
 *   {@link #STORED_FILTER_FUNCTIONS} — {@code ${currentUser()}}, {@code ${currentUserGroups()}}, {@code ${now()}},
 *   {@code ${dateTime().plusDays(2)}} and the like — each written exactly so, nothing else.</li>
 * </ul>
 * A refused query is a {@link BadUserRequestException}: the engine REST answers 400 and nothing is evaluated.
 */
@Component
class QueryExpressionGuard extends AbstractProcessEnginePlugin {

  /** The whole expression must match one of these: the functions Tasklist filters are built from. */
  static final List<Pattern> STORED_FILTER_FUNCTIONS = List.of(
      Pattern.compile("\\$\\{(currentUser|currentUserGroups|now)\\(\\)}"),
      Pattern.compile("\\$\\{dateTime\\(\\)(\\.(plus|minus)(Seconds|Minutes|Hours|Days|Weeks|Months|Years)"
          + "\\(\\d{1,4}\\))*}"));

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    if (configuration.getCustomPostCommandInterceptorsTxRequiresNew() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequiresNew(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new Interceptor());
    configuration.getCustomPostCommandInterceptorsTxRequiresNew().add(new Interceptor());
  }

  /** Runs inside the command context (after Camunda's own interceptors), before the command itself. */
  static final class Interceptor extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof AbstractQuery<?, ?> query) {
        refuseExpressions(query, false, "ad hoc query");
      } else if (command instanceof AbstractExecuteFilterCmd filterCommand) {
        refuseExpressions((Query<?, ?>) field(filterCommand, "extendingQuery"), false, "extending query");
        Object filterId = field(filterCommand, "filterId");
        FilterEntity stored = filterId == null ? null
            : Context.getCommandContext().getFilterManager().findFilterById(filterId.toString());
        if (stored != null) {
          refuseExpressions(stored.getQuery(), true, "stored filter '" + stored.getName() + "'");
        }
      } else if (command instanceof SaveFilterCmd save && field(save, "filter") instanceof Filter filter) {
        refuseExpressions(filter.getQuery(), true, "filter '" + filter.getName() + "'");
      }
      return next.execute(command);
    }
  }

  /** Refuses a query (and each of its OR branches) that carries an expression not allowed where it is. */
  static void refuseExpressions(Query<?, ?> query, boolean stored, String where) {
    if (!(query instanceof AbstractQuery<?, ?> parsed)) {
      return;
    }
    List<AbstractQuery<?, ?>> branches = new ArrayList<>(List.of(parsed));
    if (parsed instanceof TaskQueryImpl taskQuery && taskQuery.getQueries() != null) {
      branches.addAll(taskQuery.getQueries());
    }
    for (AbstractQuery<?, ?> branch : branches) {
      Map<String, String> expressions = branch.getExpressions();
      if (expressions == null) {
        continue;
      }
      expressions.forEach((criterion, expression) -> {
        if (!stored || !isStoredFilterFunction(expression)) {
          throw new BadUserRequestException("Refused by CJM Flow query policy: the " + where + " carries an "
              + "expression for '" + criterion + "'; task queries take plain values"
              + (stored ? " (stored filters: only ${currentUser()}, ${currentUserGroups()}, ${now()}, ${dateTime()…})"
              : ""));
        }
      });
    }
  }

  static boolean isStoredFilterFunction(String expression) {
    return expression != null && STORED_FILTER_FUNCTIONS.stream().anyMatch(p -> p.matcher(expression).matches());
  }

  private static Object field(Object target, String name) {
    var field = ReflectionUtils.findField(target.getClass(), name);
    if (field == null) {
      throw new IllegalStateException("Camunda changed " + target.getClass().getName() + ": no field " + name);
    }
    ReflectionUtils.makeAccessible(field);
    return ReflectionUtils.getField(field, target);
  }
}
