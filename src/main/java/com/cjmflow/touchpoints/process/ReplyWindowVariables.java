package com.cjmflow.touchpoints.process;

import static com.cjmflow.platform.ProcessVariable.date;
import static com.cjmflow.platform.ProcessVariable.longValue;
import static com.cjmflow.platform.ProcessVariable.stringValue;

import java.util.Date;

import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

import com.cjmflow.platform.ProcessVariable;
import com.cjmflow.platform.SharedVariables;

/** The variables of {@code touchpoint-reply-window}. */
public final class ReplyWindowVariables {

  public static final ProcessVariable<Long> TOUCHPOINT_ID = longValue("touchpointId");
  public static final ProcessVariable<String> CHANNEL = stringValue("channel");
  public static final ProcessVariable<String> CUSTOMER_TIER = SharedVariables.CUSTOMER_TIER;
  public static final ProcessVariable<Date> REPLY_DUE_AT = date("replyDueAt");

  private ReplyWindowVariables() {}

  /** The start variables of an inbound touchpoint's window: the facts its decision table takes. */
  public static VariableMap started(long touchpointId, String channel, String customerTier) {
    VariableMap variables = Variables.createVariables();
    TOUCHPOINT_ID.put(variables, touchpointId);
    CHANNEL.put(variables, channel);
    return CUSTOMER_TIER.put(variables, customerTier);
  }
}
