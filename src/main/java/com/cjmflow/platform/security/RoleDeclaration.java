package com.cjmflow.platform.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ResourceTypeUtil;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.Yaml;

/**
 * The one declaration of least privilege ({@code security/roles.yaml}): per role (Camunda group) its tasks, webapps
 * and engine authorizations, and per endpoint the roles that may call it. Spring Security enforces the endpoints,
 * {@code IdentityBootstrap} grants the engine authorizations, tests and the README are checked against it.
 */
public record RoleDeclaration(Map<String, Role> roles, Map<String, Role> templates, List<Endpoint> endpoints) {

  public static final String LOCATION = "security/roles.yaml";
  /** Pseudo role of an endpoint every authenticated user may call. */
  public static final String EVERYONE = "everyone";
  public static final String ANY_METHOD = "ANY";
  /**
   * A user's authority for an access template ({@code templates:} in the declaration): granted for every Camunda group
   * of the user whose type is the template's name, i.e. a role created at run time (a holacracy role).
   */
  public static final String TEMPLATE_AUTHORITY = "template:";
  /** In a template's engine grants: one grant per process definition key that uses the role. */
  public static final String PROCESS_PLACEHOLDER = "{process}";

  /** Which tasks a role sees: all, its candidate groups' and its own, or none. */
  public enum Tasks { ALL, CANDIDATE, NONE }

  public record Role(String group, String name, Tasks tasks, List<String> webapps, boolean admin,
      List<Grant> engine) {}

  /** An engine authorization: resource type, resource id ("*" = any) and permission names. */
  public record Grant(Resource resource, String resourceId, List<String> permissions) {
    public Permission[] enginePermissions() {
      return permissions.stream().map(name -> "ALL".equals(name) ? Permissions.ALL
          : ResourceTypeUtil.getPermissionByNameAndResourceType(name, resource.resourceType()))
          .toArray(Permission[]::new);
    }
  }

  /**
   * An endpoint ({@code METHOD /path/{var}/**}, method {@code ANY} for all) and who may call it: {@code roles}
   * always, {@code own} only for what is theirs (the owner named by the path's last variable).
   */
  public record Endpoint(String method, String path, Set<String> roles, Set<String> own) {
    public String call() {
      return method + " " + path;
    }

    public String ownerVariable() {
      Matcher variables = Pattern.compile("\\{(\\w+)}").matcher(path);
      String last = null;
      while (variables.find()) {
        last = variables.group(1);
      }
      return last;
    }

    public boolean allows(String group) {
      return roles.contains(EVERYONE) || roles.contains(group);
    }
  }

  public static RoleDeclaration load() {
    try (InputStream in = new ClassPathResource(LOCATION).getInputStream()) {
      return parse(new Yaml().load(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static RoleDeclaration parse(Map<String, Object> yaml) {
    Map<String, Role> roles = roles((Map<String, Map<String, Object>>) yaml.get("roles"));
    Map<String, Role> templates = roles((Map<String, Map<String, Object>>) yaml.getOrDefault("templates", Map.of()));
    List<Endpoint> endpoints = new ArrayList<>();
    for (Map<String, Object> endpoint : (List<Map<String, Object>>) yaml.get("endpoints")) {
      String[] call = ((String) endpoint.get("call")).trim().split("\\s+");
      endpoints.add(new Endpoint(call[0], call[1], Set.copyOf((List<String>) endpoint.getOrDefault("roles", List.of())),
          Set.copyOf((List<String>) endpoint.getOrDefault("own", List.of()))));
    }
    RoleDeclaration declaration = new RoleDeclaration(java.util.Collections.unmodifiableMap(roles),
        java.util.Collections.unmodifiableMap(templates), List.copyOf(endpoints));
    declaration.check();
    return declaration;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Role> roles(Map<String, Map<String, Object>> yaml) {
    Map<String, Role> roles = new LinkedHashMap<>();
    yaml.forEach((group, role) -> {
      List<Grant> grants = new ArrayList<>();
      for (Map<String, Object> grant : (List<Map<String, Object>>) role.getOrDefault("engine", List.of())) {
        grants.add(new Grant(Resources.valueOf((String) grant.get("resource")), (String) grant.get("id"),
            List.copyOf((List<String>) grant.get("permissions"))));
      }
      roles.put(group, new Role(group, (String) role.get("name"),
          Tasks.valueOf(((String) role.get("tasks")).toUpperCase()),
          List.copyOf((List<String>) role.getOrDefault("webapps", List.of())),
          Boolean.TRUE.equals(role.get("admin")), List.copyOf(grants)));
    });
    return roles;
  }

  /** The groups in declaration order. */
  public List<String> groups() {
    return List.copyOf(roles.keySet());
  }

  /** The declared roles, then the templates: every name an endpoint may list. */
  public List<String> accessNames() {
    List<String> names = new ArrayList<>(roles.keySet());
    names.addAll(templates.keySet());
    return names;
  }

  /** A declared role or template by name. */
  public Role access(String name) {
    Role role = roles.get(name);
    return role != null ? role : templates.get(name);
  }

  /**
   * A template's role for one run-time group: its engine grants with {@value #PROCESS_PLACEHOLDER} expanded to one
   * grant per process definition key (none when no deployed model uses the role).
   */
  public Role template(String template, String group, java.util.Collection<String> processKeys) {
    Role declared = templates.get(template);
    if (declared == null) {
      throw new IllegalArgumentException("No template " + template + " in " + LOCATION);
    }
    List<Grant> grants = new ArrayList<>();
    for (Grant grant : declared.engine()) {
      if (PROCESS_PLACEHOLDER.equals(grant.resourceId())) {
        processKeys.stream().sorted().distinct()
            .forEach(key -> grants.add(new Grant(grant.resource(), key, grant.permissions())));
      } else {
        grants.add(grant);
      }
    }
    return new Role(group, declared.name(), declared.tasks(), declared.webapps(), false, List.copyOf(grants));
  }

  private void check() {
    checkTemplates();
    for (Endpoint endpoint : endpoints) {
      for (String group : union(endpoint.roles(), endpoint.own())) {
        if (!EVERYONE.equals(group) && !roles.containsKey(group) && !templates.containsKey(group)) {
          throw new IllegalStateException(LOCATION + ": unknown role " + group + " at " + endpoint.call());
        }
      }
      if (!endpoint.own().isEmpty() && endpoint.ownerVariable() == null) {
        throw new IllegalStateException(LOCATION + ": " + endpoint.call() + " has own roles but no path variable");
      }
      if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE", ANY_METHOD).contains(endpoint.method())) {
        throw new IllegalStateException(LOCATION + ": unknown method in " + endpoint.call());
      }
    }
    for (Role role : roles.values()) {
      role.engine().forEach(Grant::enginePermissions);
      boolean readsAllTasks = role.admin() || role.engine().stream().anyMatch(grant -> grant.resource() == Resources.TASK
          && "*".equals(grant.resourceId())
          && (grant.permissions().contains("ALL") || grant.permissions().contains("READ")));
      if ((role.tasks() == Tasks.ALL) != readsAllTasks) {
        throw new IllegalStateException(LOCATION + ": " + role.group() + " sees tasks " + role.tasks()
            + " but its TASK * READ grant says " + readsAllTasks);
      }
    }
  }

  private void checkTemplates() {
    for (Role template : templates.values()) {
      template.engine().forEach(Grant::enginePermissions);
      if (roles.containsKey(template.group()) || EVERYONE.equals(template.group())) {
        throw new IllegalStateException(LOCATION + ": template " + template.group() + " is also a role");
      }
      // least privilege: a role made at run time sees its own tasks only, and no grant reaches every id
      if (template.admin() || template.tasks() == Tasks.ALL || template.engine().stream()
          .anyMatch(grant -> "*".equals(grant.resourceId()) || grant.permissions().contains("ALL"))) {
        throw new IllegalStateException(LOCATION + ": template " + template.group()
            + " must not grant all tasks, ALL or any grant on every id (\"*\")");
      }
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    var all = new java.util.LinkedHashSet<>(a);
    all.addAll(b);
    return all;
  }
}
