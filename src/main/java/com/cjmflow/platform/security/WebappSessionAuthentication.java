package com.cjmflow.platform.security;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * "Behind the same login": a read ({@code GET}/{@code HEAD}) of the dashboard, its data and its assets by a browser
 * that is logged into the Camunda webapps (Tasklist, Cockpit, the welcome page) runs as that user, with the groups the
 * identity service gives them now. Only reads: a cookie never authorises a change (no CSRF surface); HTTP Basic still
 * wins when sent.
 */
class WebappSessionAuthentication extends OncePerRequestFilter {

  private static final Set<String> READS = Set.of("GET", "HEAD");
  private static final String ENGINE = "default";

  private final IdentityService identity;

  WebappSessionAuthentication(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (READS.contains(request.getMethod()) && request.getHeader("Authorization") == null
        && SecurityContextHolder.getContext().getAuthentication() == null) {
      HttpSession session = request.getSession(false);
      Authentications all = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
      Authentication user = all == null ? null : all.getAuthenticationForProcessEngine(ENGINE);
      if (user != null && identity.createUserQuery().userId(user.getName()).count() == 1) {
        List<SimpleGrantedAuthority> groups = identity.createGroupQuery().groupMember(user.getName()).list().stream()
            .map(Group::getId).map(SimpleGrantedAuthority::new).toList();
        SecurityContextHolder.getContext().setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(user.getName(), null, groups));
      }
    }
    chain.doFilter(request, response);
  }
}
