package com.cjmflow.platform;

/** Who an actor of {@code manager_activity_events} is: a manager, an integration (booking system, ERP) or the system. */
public final class ActorKind {

  public static final String MANAGER = "manager";
  public static final String INTEGRATION = "integration";
  public static final String SYSTEM = "system";
  public static final String INTEGRATIONS_GROUP = "integrations";

  /**
   * The actor kind of a user id as an SQL expression over the named parameter {@code :actor} (the user id): members
   * of the {@code integrations} group are integrations, everyone else a manager.
   */
  public static final String SQL = "case when exists (select 1 from ACT_ID_MEMBERSHIP m where m.USER_ID_ = :actor "
      + "and m.GROUP_ID_ = '" + INTEGRATIONS_GROUP + "') then '" + INTEGRATION + "' else '" + MANAGER + "' end";

  private ActorKind() {}
}
