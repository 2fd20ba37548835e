package com.cjmflow.sla.process;

import static com.cjmflow.platform.ProcessVariable.stringValue;

import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

import com.cjmflow.platform.ProcessVariable;
import com.cjmflow.platform.SharedVariables;

/** The variables of {@code stage-hold}. */
public final class HoldVariables {

  public static final ProcessVariable<Long> ORDER_ID = SharedVariables.ORDER_ID;
  public static final ProcessVariable<String> REASON = stringValue("reason");
  public static final ProcessVariable<String> REQUESTED_BY = stringValue("requestedBy");
  public static final ProcessVariable<String> RESUMED_BY = stringValue("resumedBy");

  private HoldVariables() {}

  /** The start variables of a hold on an order's current stage. */
  public static VariableMap started(long orderId, String reason, String requestedBy) {
    VariableMap variables = Variables.createVariables();
    ORDER_ID.put(variables, orderId);
    REASON.put(variables, reason);
    return REQUESTED_BY.put(variables, requestedBy);
  }
}
