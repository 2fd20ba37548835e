package com.cjmflow.cases;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.EngineContext;
import com.cjmflow.stage.TaskEvents;

/**
 * Four eyes on every user task with the property {@code fourEyes} (the name of the variable holding who requested
 * it): the requester cannot complete it, from Tasklist or the API. Generic: the model says which task needs it.
 */
@Component
@Order(10)
class FourEyes implements TaskEvents {

  static final String PROPERTY = "fourEyes";

  @Override
  public void completed(DelegateTask task, Map<String, String> properties) {
    String variable = properties.get(PROPERTY);
    if (variable == null) {
      return;
    }
    Object requester = task.getVariable(variable);
    String user = EngineContext.userId(task.getProcessEngineServices()).orElse(null);
    if (user != null && requester != null && user.equals(requester.toString())) {
      Object caseId = task.getVariable("caseId");
      throw new FourEyesRefused(caseId == null ? task.getProcessInstanceId() : caseId, user);
    }
  }
}
