package com.cjmflow.platform;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;

/**
 * Whether the database holds any revoke authorization ({@code TYPE_ = 2}), asked at most once per {@code ttl} per
 * node instead of once per engine command (Camunda's default {@code authorizationCheckRevokes = auto} asks every
 * command whether a revoke applies to the caller). While there is none anywhere, a command's queries skip the
 * revoke clauses as Camunda's own check would have let them. A revoke saved on this node counts at once (when it is
 * saved and again when it commits; a check that ran meanwhile is not kept); one saved on another node after at most
 * {@code ttl}. While any revoke exists, every command asks Camunda's own per-caller question, as before.
 */
final class RevokeAuthorizations {

  private final long ttlNanos;
  private final AtomicLong generation = new AtomicLong();
  private volatile Known known;

  private record Known(boolean none, long checkedAtNanos) {}

  RevokeAuthorizations(java.time.Duration ttl) {
    this.ttlNanos = ttl.toNanos();
  }

  /** True when no revoke authorization exists anywhere (as of at most {@code ttl} ago, nothing saved here since). */
  boolean noneAnywhere() {
    Known now = known;
    if (now != null && System.nanoTime() - now.checkedAtNanos() < ttlNanos) {
      return now.none();
    }
    long readAt = generation.get();
    boolean none = !exist(Context.getCommandContext());
    if (generation.get() == readAt) {
      known = new Known(none, System.nanoTime());
    }
    return none;
  }

  /** An authorization is being saved: a revoke makes every command ask Camunda's own question again. */
  void saving(Object entity) {
    if (entity instanceof AuthorizationEntity authorization
        && authorization.getAuthorizationType() == Authorization.AUTH_TYPE_REVOKE) {
      revokeSaved();
      CommandContext command = Context.getCommandContext();
      if (command != null) {
        command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
            context -> revokeSaved());
      }
    }
  }

  private void revokeSaved() {
    generation.incrementAndGet();
    known = new Known(false, System.nanoTime());
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
