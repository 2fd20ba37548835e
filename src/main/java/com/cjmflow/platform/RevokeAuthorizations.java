package com.cjmflow.platform;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;

/**
 * Whether the database holds any revoke authorization ({@code TYPE_ = 2}), asked at most once per {@code ttl} per
 * node instead of once per engine command (Camunda's default {@code authorizationCheckRevokes = auto} asks every
 * command whether a revoke applies to the caller). While there is none anywhere, a command's queries skip the
 * revoke clauses as Camunda's own check would have let them. A revoke saved on this node counts at once (when it is
 * saved and again when it commits; a check that ran meanwhile is not kept); one saved on another node after at most
 * {@code ttl} ({@link NodeBelief}). While any revoke exists, every command asks Camunda's own per-caller question, as
 * before.
 */
final class RevokeAuthorizations {

  private static final String ANY = "any revoke";

  private final NodeBelief<String, Boolean> none;

  RevokeAuthorizations(java.time.Duration ttl) {
    this.none = new NodeBelief<>(ttl);
  }

  /** True when no revoke authorization exists anywhere (as of at most {@code ttl} ago, nothing saved here since). */
  boolean noneAnywhere() {
    return none.get(ANY, any -> !exist(Context.getCommandContext()));
  }

  /** An authorization is being saved: a revoke makes every command ask Camunda's own question again. */
  void saving(Object entity) {
    if (entity instanceof AuthorizationEntity authorization
        && authorization.getAuthorizationType() == Authorization.AUTH_TYPE_REVOKE) {
      none.changing(() -> none.set(ANY, false));
    }
  }

  private static boolean exist(CommandContext command) {
    String table = Context.getProcessEngineConfiguration().getDatabaseTablePrefix() + "ACT_RU_AUTHORIZATION";
    try (PreparedStatement statement = command.getDbSqlSession().getSqlSession().getConnection().prepareStatement(
        "select case when exists (select ID_ from " + table + " where TYPE_ = 2) then 1 else 0 end");
        ResultSet rows = statement.executeQuery()) {
      return rows.next() && rows.getInt(1) == 1;
    } catch (SQLException e) {
      throw new ProcessEngineException("Could not check for revoke authorizations", e);
    }
  }
}
