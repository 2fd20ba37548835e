package com.cjmflow.platform;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableCollectionProvider;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableStore;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A user task that was just created has no variables of its own, but the engine does not know it: the first
 * {@code getVariable} on it (every create listener reads the order id through the task) selects the task's variables
 * from {@code ACT_RU_VARIABLE} — always none — before it looks at the execution. The engine already starts a new
 * execution with an empty variable store for this reason; this gives a new user task the same, as the first of its
 * create listeners (README "Cost per order": one statement per task). A variable set on the task before it (none
 * is in the engine's own creation) has loaded the store already, which is then left as it is.
 */
@Component
class NewTaskVariables extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(NewTaskVariables.class);
  private static final VarHandle STORE = store();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (STORE == null) {
      return;
    }
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    TaskListener noneOfItsOwn = NewTaskVariables::startEmpty;
    // the first parse listener of all, so that its create listener is the first of a task's listeners
    configuration.getCustomPreBPMNParseListeners().add(0, new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, noneOfItsOwn);
      }
    });
  }

  @SuppressWarnings("unchecked")
  static void startEmpty(DelegateTask task) {
    if (task instanceof TaskEntity entity) {
      var variables = (VariableStore<VariableInstanceEntity>) STORE.get(entity);
      if (!variables.isInitialized()) {
        variables.setVariablesProvider(VariableCollectionProvider.emptyVariables());
        variables.forceInitialization();
      }
    }
  }

  /** The task's variable store, which the engine keeps protected; without it tasks load as before. */
  private static VarHandle store() {
    try {
      return MethodHandles.privateLookupIn(TaskEntity.class, MethodHandles.lookup())
          .findVarHandle(TaskEntity.class, "variableStore", VariableStore.class);
    } catch (ReflectiveOperationException | RuntimeException changedEngine) {
      LOG.warn("A new task's variables are read from the database ({})", changedEngine.toString());
      return null;
    }
  }
}
