package com.cjmflow.platform.security;

import java.util.function.Supplier;

import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.stereotype.Component;

/**
 * Empties the {@link LoginCache} on every identity write the engine makes — whoever makes it (our services, Admin,
 * the engine REST API, holacracy role fillings): the engine's own database identity provider, with each write
 * method telling the cache once when it is called and once when its transaction commits. A failed password check
 * (the API's login or the webapps') forgets that user.
 */
@Component
class IdentityChangePlugin extends AbstractProcessEnginePlugin {

  private final LoginCache cache;

  IdentityChangePlugin(LoginCache cache) {
    this.cache = cache;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setIdentityProviderSessionFactory(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return InvalidatingIdentityProvider.class;
      }

      @Override
      public Session openSession() {
        return new InvalidatingIdentityProvider(cache);
      }
    });
  }

  /** Camunda's database identity provider that tells the login cache about each write. */
  static class InvalidatingIdentityProvider extends DbIdentityServiceProvider {

    private final LoginCache cache;

    InvalidatingIdentityProvider(LoginCache cache) {
      this.cache = cache;
    }

    /** Forgets the logins a write may change before it, after it, and again when its transaction commits. */
    private IdentityOperationResult write(Runnable forget, Supplier<IdentityOperationResult> write) {
      forget.run();
      IdentityOperationResult result = write.get();
      forget.run();
      var command = Context.getCommandContext();
      if (command != null) {
        command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, context -> forget.run());
      }
      return result;
    }

    private IdentityOperationResult ofUser(String userId, Supplier<IdentityOperationResult> write) {
      return write(() -> cache.invalidate(userId), write);
    }

    private IdentityOperationResult ofEveryone(Supplier<IdentityOperationResult> write) {
      return write(cache::invalidateAll, write);
    }

    @Override
    public boolean checkPassword(String userId, String password) {
      boolean ok = super.checkPassword(userId, password);
      if (!ok) {
        cache.forget(userId);
      }
      return ok;
    }

    @Override
    public IdentityOperationResult saveUser(User user) {
      return ofUser(user.getId(), () -> super.saveUser(user));
    }

    @Override
    public IdentityOperationResult deleteUser(String userId) {
      return ofUser(userId, () -> super.deleteUser(userId));
    }

    @Override
    public IdentityOperationResult unlockUser(String userId) {
      return ofUser(userId, () -> super.unlockUser(userId));
    }

    @Override
    public IdentityOperationResult saveGroup(Group group) {
      return ofEveryone(() -> super.saveGroup(group));
    }

    @Override
    public IdentityOperationResult deleteGroup(String groupId) {
      return ofEveryone(() -> super.deleteGroup(groupId));
    }

    @Override
    public IdentityOperationResult saveTenant(Tenant tenant) {
      return ofEveryone(() -> super.saveTenant(tenant));
    }

    @Override
    public IdentityOperationResult deleteTenant(String tenantId) {
      return ofEveryone(() -> super.deleteTenant(tenantId));
    }

    @Override
    public IdentityOperationResult createMembership(String userId, String groupId) {
      return ofUser(userId, () -> super.createMembership(userId, groupId));
    }

    @Override
    public IdentityOperationResult deleteMembership(String userId, String groupId) {
      return ofUser(userId, () -> super.deleteMembership(userId, groupId));
    }

    @Override
    public IdentityOperationResult createTenantUserMembership(String tenantId, String userId) {
      return ofUser(userId, () -> super.createTenantUserMembership(tenantId, userId));
    }

    @Override
    public IdentityOperationResult createTenantGroupMembership(String tenantId, String groupId) {
      return ofEveryone(() -> super.createTenantGroupMembership(tenantId, groupId));
    }

    @Override
    public IdentityOperationResult deleteTenantUserMembership(String tenantId, String userId) {
      return ofUser(userId, () -> super.deleteTenantUserMembership(tenantId, userId));
    }

    @Override
    public IdentityOperationResult deleteTenantGroupMembership(String tenantId, String groupId) {
      return ofEveryone(() -> super.deleteTenantGroupMembership(tenantId, groupId));
    }
  }
}
