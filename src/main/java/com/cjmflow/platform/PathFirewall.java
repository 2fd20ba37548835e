package com.cjmflow.platform;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request paths that mean one thing to Tomcat's filter mapping and another to Spring MVC or Jersey: encoded
 * dots, slashes, backslashes and percent signs, path parameters ({@code ;}), empty and dot segments. Tomcat itself
 * already refuses {@code %00}, invalid percent-encoding and an encoded slash. 400 with a problem body.
 */
class PathFirewall extends OncePerRequestFilter {

  private static final List<String> REFUSED = List.of("%2e", "%2f", "%5c", "%25", "%00", ";", "//", "\\", "/./",
      "/../");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().toLowerCase(Locale.ROOT);
    if (REFUSED.stream().anyMatch(path::contains) || path.endsWith("/..") || path.endsWith("/.")) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType("application/problem+json");
      response.getWriter().write("{\"type\":\"" + ApiProblems.TYPE_PREFIX + "invalid-path\",\"title\":\"Bad Request\","
          + "\"status\":400,\"detail\":\"The request path is not in canonical form.\"}");
      return;
    }
    chain.doFilter(request, response);
  }
}
