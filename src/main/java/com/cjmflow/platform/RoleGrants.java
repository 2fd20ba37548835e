package com.cjmflow.platform;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.security.RoleDeclaration;

/**
 * Brings a group's engine authorizations to exactly what {@code security/roles.yaml} gives it: a declared role's
 * grants, webapps and Tasklist filters ({@code IdentityBootstrap} on every start), or an access template's for a role
 * created at run time ({@link #applyTemplate}, the holacracy module on every change). Grants the declaration does not
 * give are removed; the engine's own per-task grants to candidate groups and assignees are left alone. Runs with the
 * engine's rights (the declaration is the authority, not the caller).
 */
@Component
public class RoleGrants {

  /**
   * The Tasklist filters {@code IdentityBootstrap} keeps, found by their property {@code cjmFilter} (their names are
   * in the company's language, {@link DisplayNames}).
   */
  public enum TaskFilter { MY_TASKS, MY_ROLES_TASKS, OVERDUE, DUE_TODAY, SLA_BREACHES, ALL_OPEN_TASKS }

  /** The filter property naming which {@link TaskFilter} a stored filter is. */
  public static final String FILTER_KIND = "cjmFilter";

  private static final Logger LOG = LoggerFactory.getLogger(RoleGrants.class);
  private static final String ANY = Authorization.ANY;

  private record Key(Resource resource, String resourceId) {}

  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final IdentityService identity;
  private final RoleDeclaration declaration;
  private final AsSystem asSystem;

  RoleGrants(AuthorizationService authorizations, FilterService filters, IdentityService identity,
      RoleDeclaration declaration, AsSystem asSystem) {
    this.authorizations = authorizations;
    this.filters = filters;
    this.identity = identity;
    this.declaration = declaration;
    this.asSystem = asSystem;
  }

  /** A declared role: its grants exactly as declared. */
  void converge(RoleDeclaration.Role role) {
    asSystem.run(() -> converge(role.group(), wanted(role)));
  }

  /**
   * A role created at run time: its Camunda group (type = the template's name, which is what gives its members the
   * template's endpoints) and exactly the template's grants, with one process-definition grant per key in
   * {@code processKeys}. A declared role is left as declared.
   */
  public void applyTemplate(String template, String groupId, String name, Collection<String> processKeys) {
    if (declaration.roles().containsKey(groupId)) {
      return;
    }
    RoleDeclaration.Role role = declaration.template(template, groupId, processKeys);
    asSystem.run(() -> {
      Group group = identity.createGroupQuery().groupId(groupId).singleResult();
      if (group == null) {
        group = identity.newGroup(groupId);
      }
      if (group.getName() == null || !group.getName().equals(name) || !template.equals(group.getType())) {
        group.setName(name);
        group.setType(template);
        identity.saveGroup(group);
      }
      converge(groupId, wanted(role));
    });
  }

  /** Whether a Camunda group is a role of the declaration (not made at run time). */
  public boolean isDeclared(String groupId) {
    return declaration.roles().containsKey(groupId);
  }

  /** Whether a name is a declared role or template (a run-time role must not take it). */
  public boolean isReserved(String name) {
    return declaration.roles().containsKey(name) || declaration.templates().containsKey(name)
        || RoleDeclaration.EVERYONE.equals(name) || Groups.CAMUNDA_ADMIN.equals(name);
  }

  /** The authorizations the declaration gives a role: its engine grants, webapps and Tasklist filters. */
  private Map<Key, Integer> wanted(RoleDeclaration.Role role) {
    Map<Key, Integer> wanted = new LinkedHashMap<>();
    if (role.admin()) {
      for (Resource resource : Resources.values()) {
        wanted.put(new Key(resource, ANY), Permissions.ALL.getValue());
      }
      return wanted;
    }
    for (RoleDeclaration.Grant grant : role.engine()) {
      wanted.merge(new Key(grant.resource(), grant.resourceId()), bits(grant.enginePermissions()), this::or);
    }
    role.webapps().forEach(app -> wanted.merge(new Key(Resources.APPLICATION, app), Permissions.ACCESS.getValue(),
        this::or));
    List<TaskFilter> readable = switch (role.tasks()) {
      case ALL -> List.of(TaskFilter.values());
      case CANDIDATE -> List.of(TaskFilter.MY_TASKS, TaskFilter.MY_ROLES_TASKS, TaskFilter.OVERDUE,
          TaskFilter.DUE_TODAY);
      case NONE -> List.of();
    };
    Map<String, String> ids = new LinkedHashMap<>();
    for (Filter filter : filters.createTaskFilterQuery().list()) {
      Object kind = filter.getProperties() == null ? null : filter.getProperties().get(FILTER_KIND);
      if (kind != null) {
        ids.putIfAbsent(kind.toString(), filter.getId());
      }
    }
    readable.stream().map(kind -> ids.get(kind.name())).filter(java.util.Objects::nonNull)
        .forEach(id -> wanted.put(new Key(Resources.FILTER, id), Permissions.READ.getValue()));
    return wanted;
  }

  private void converge(String groupId, Map<Key, Integer> wanted) {
    Map<Key, Integer> missing = new LinkedHashMap<>(wanted);
    for (Authorization existing : authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT).groupIdIn(groupId).list()) {
      Resource resource = resourceOf(existing.getResourceType());
      if (resource == null || enginePerInstanceGrant(resource, existing.getResourceId())) {
        continue;
      }
      Key key = new Key(resource, existing.getResourceId());
      Integer permissions = missing.remove(key);
      if (permissions == null) {
        LOG.info("Removing the grant {} {} of group {}: not in {}", resource.resourceName(), key.resourceId(), groupId,
            RoleDeclaration.LOCATION);
        authorizations.deleteAuthorization(existing.getId());
      } else if (((AuthorizationEntity) existing).getPermissions() != permissions) {
        ((AuthorizationEntity) existing).setPermissions(permissions);
        authorizations.saveAuthorization(existing);
      }
    }
    missing.forEach((key, permissions) -> {
      AuthorizationEntity auth = (AuthorizationEntity) authorizations
          .createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      auth.setGroupId(groupId);
      auth.setResource(key.resource());
      auth.setResourceId(key.resourceId());
      auth.setPermissions(permissions);
      authorizations.saveAuthorization(auth);
    });
  }

  /** The engine grants candidate groups and assignees each task (and history) themselves: not ours to manage. */
  private static boolean enginePerInstanceGrant(Resource resource, String resourceId) {
    return !ANY.equals(resourceId) && (resource == Resources.TASK || resource == Resources.HISTORIC_TASK
        || resource == Resources.HISTORIC_PROCESS_INSTANCE || resource == Resources.PROCESS_INSTANCE);
  }

  private static Resource resourceOf(int type) {
    for (Resource resource : Resources.values()) {
      if (resource.resourceType() == type) {
        return resource;
      }
    }
    return null;
  }

  private int bits(Permission[] permissions) {
    int bits = 0;
    for (Permission permission : permissions) {
      bits = or(bits, permission.getValue());
    }
    return bits;
  }

  private int or(int a, int b) {
    return a == Permissions.ALL.getValue() || b == Permissions.ALL.getValue() ? Permissions.ALL.getValue() : a | b;
  }
}
