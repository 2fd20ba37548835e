package com.cjmflow.followups.process;

import static com.cjmflow.platform.ProcessVariable.date;
import static com.cjmflow.platform.ProcessVariable.stringValue;

import java.util.Date;

import com.cjmflow.platform.ProcessVariable;
import com.cjmflow.platform.SharedVariables;

/** The variables of {@code manager-followup} (and of any user task marked {@code followup=true}). */
public final class FollowupVariables {

  public static final ProcessVariable<Long> ORDER_ID = SharedVariables.ORDER_ID;
  public static final ProcessVariable<Long> CUSTOMER_ID = SharedVariables.CUSTOMER_ID;
  public static final ProcessVariable<String> SUBJECT = stringValue("subject");
  public static final ProcessVariable<Date> DUE_AT = date("dueAt");
  public static final ProcessVariable<Date> FOLLOW_UP_AT = date("followUpAt");
  public static final ProcessVariable<String> MANAGER_ID = stringValue("managerId");
  public static final ProcessVariable<String> CREATED_BY = stringValue("createdBy");
  public static final ProcessVariable<String> ORIGIN = stringValue("origin");
  public static final ProcessVariable<String> OUTCOME = stringValue("outcome");
  public static final ProcessVariable<String> CANDIDATE_GROUP = stringValue("candidateGroup");

  private FollowupVariables() {}
}
