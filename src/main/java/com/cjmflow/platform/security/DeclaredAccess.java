package com.cjmflow.platform.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import com.cjmflow.platform.ResourceOwner;

/**
 * The endpoint half of {@link RoleDeclaration}, as one Spring Security authorization manager: a call passes when one
 * of the caller's groups is declared for an endpoint that matches it (method and path pattern), or an {@code own}
 * group and the resource named by the path is the caller's. Everything not declared is refused.
 */
class DeclaredAccess implements AuthorizationManager<RequestAuthorizationContext> {

  private record Rule(RoleDeclaration.Endpoint endpoint, PathPatternRequestMatcher matcher) {}

  private final List<Rule> rules;
  private final Map<String, ResourceOwner> owners;
  private final Set<String> templates;

  DeclaredAccess(RoleDeclaration declaration, List<ResourceOwner> owners) {
    this.templates = declaration.templates().keySet();
    this.rules = declaration.endpoints().stream().map(endpoint -> new Rule(endpoint, matcher(endpoint))).toList();
    this.owners = owners.stream().collect(Collectors.toMap(ResourceOwner::variable, Function.identity()));
  }

  private static PathPatternRequestMatcher matcher(RoleDeclaration.Endpoint endpoint) {
    HttpMethod method = RoleDeclaration.ANY_METHOD.equals(endpoint.method()) ? null
        : HttpMethod.valueOf(endpoint.method());
    return PathPatternRequestMatcher.withDefaults().matcher(method, endpoint.path());
  }

  @Override
  public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
    Authentication caller = authentication.get();
    if (caller == null || !caller.isAuthenticated() || caller instanceof AnonymousAuthenticationToken) {
      return new AuthorizationDecision(false);
    }
    return new AuthorizationDecision(allows(caller.getName(), groups(caller), context.getRequest()));
  }

  boolean allows(String userId, Set<String> groups, HttpServletRequest request) {
    for (Rule rule : rules) {
      RequestMatcher.MatchResult match = rule.matcher().matcher(request);
      if (!match.isMatch()) {
        continue;
      }
      if (groups.stream().anyMatch(rule.endpoint()::allows)) {
        return true;
      }
      if (groups.stream().anyMatch(rule.endpoint().own()::contains)) {
        String variable = rule.endpoint().ownerVariable();
        Optional<String> owner = ownerOf(variable, match.getVariables().get(variable));
        if (owner.isEmpty() || owner.get().equals(userId)) {
          return true;
        }
      }
    }
    return false;
  }

  private Optional<String> ownerOf(String variable, String value) {
    if ("managerId".equals(variable)) {
      return Optional.ofNullable(value);
    }
    ResourceOwner owner = owners.get(variable);
    if (owner == null) {
      throw new IllegalStateException("No ResourceOwner for path variable " + variable);
    }
    return owner.ownerOf(value);
  }

  /**
   * The names the caller's rules are matched by: their groups, and the templates of their run-time roles. A group that
   * happens to be named like a template does not count as the template (only its marked authority does).
   */
  private Set<String> groups(Authentication caller) {
    return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .map(name -> name.startsWith(RoleDeclaration.TEMPLATE_AUTHORITY)
            ? name.substring(RoleDeclaration.TEMPLATE_AUTHORITY.length()) : templates.contains(name) ? null : name)
        .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
  }
}
