package com.cjmflow.platform.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

import com.cjmflow.platform.ResourceOwner;

/**
 * Spring Security for the service. Two chains:
 * <ul>
 * <li>the Camunda webapps ({@code /camunda/**}, with their own container login, session and CSRF filters, and their
 * {@code GET /camunda-welcome} probe), the root redirect and health pass untouched;</li>
 * <li>everything else — {@code /api/**}, {@code /engine-rest/**}, the OpenAPI document and Swagger UI — is HTTP
 * Basic against the engine's users ({@link CamundaAuthenticationProvider}), stateless, authorized by the declaration
 * ({@link DeclaredAccess}), with the engine authentication set for the request ({@link EngineAuthenticationFilter}),
 * and answers with {@code X-Content-Type-Options: nosniff} and {@code Cache-Control: no-store}.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

  @Bean
  RoleDeclaration roleDeclaration() {
    return RoleDeclaration.load();
  }

  @Bean
  @Order(1)
  @ConditionalOnWebApplication // the digitalize command runs without a web server (README "Backfill")
  SecurityFilterChain webappsAndHealth(HttpSecurity http) throws Exception {
    var paths = PathPatternRequestMatcher.withDefaults();
    // GET /camunda-welcome: the webapps' login page asks whether Camunda Run's welcome page exists (a 404 says no).
    // Under the API chain it got a 401 with a Basic challenge, which makes a browser prompt for credentials and
    // stalls the login form (README "Browser tests").
    http.securityMatcher(new OrRequestMatcher(paths.matcher("/camunda/**"), paths.matcher("/"),
            paths.matcher("/actuator/health"), paths.matcher("/actuator/health/**"),
            paths.matcher(HttpMethod.GET, "/camunda-welcome")))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.disable())
        .requestCache(cache -> cache.disable())
        .securityContext(context -> context.disable())
        .sessionManagement(session -> session.disable())
        .anonymous(anonymous -> anonymous.disable());
    return http.build();
  }

  @Bean
  @Order(2)
  @ConditionalOnWebApplication
  SecurityFilterChain api(HttpSecurity http, RoleDeclaration declaration, List<ResourceOwner> owners,
      CamundaAuthenticationProvider provider, IdentityService identity) throws Exception {
    AuthenticationEntryPoint entryPoint = ApiSecurityConfiguration::unauthenticated;
    AccessDeniedHandler denied = (request, response, e) -> problem(response, HttpServletResponse.SC_FORBIDDEN,
        "forbidden", "Forbidden", "Your roles do not allow " + request.getMethod() + " " + request.getRequestURI());
    http.authenticationManager(new ProviderManager(provider))
        .authorizeHttpRequests(requests -> requests
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .anyRequest().access(new DeclaredAccess(declaration, owners)))
        .httpBasic(basic -> basic.realmName("CJM Flow").authenticationEntryPoint(entryPoint))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
        // no session fixation "protection" here: a read that runs on the webapps' session (WebappSessionAuthentication)
        // would otherwise get a new session id on every request, and a browser's parallel requests for the
        // dashboard's assets, still carrying the old id, fell out of the login (401) — the webapps' own login renews
        // the session id when it authenticates
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
            .sessionFixation(fixation -> fixation.none()))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .addFilterBefore(new NoStoreFilter(), HeaderWriterFilter.class)
        .addFilterBefore(new WebappSessionAuthentication(identity), AnonymousAuthenticationFilter.class)
        .addFilterAfter(new EngineAuthenticationFilter(identity), AuthorizationFilter.class);
    return http.build();
  }

  private static void unauthenticated(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
      org.springframework.security.core.AuthenticationException e) throws IOException {
    if ("GET".equals(request.getMethod()) && request.getRequestURI().matches("/dashboard/?(index\\.html)?")) {
      // A browser opening the dashboard without a webapp session: the Camunda login, then back here from the
      // welcome page's link (README "Dashboard").
      response.sendRedirect("/camunda/app/welcome/default/#!/login");
      return;
    }
    if (e instanceof LoginThrottled throttled) {
      response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
      problem(response, 429, "login-throttled", "Too Many Requests", throttled.getMessage());
      return;
    }
    response.setHeader("WWW-Authenticate", "Basic realm=\"CJM Flow\"");
    problem(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", "Unauthorized",
        "Log in with HTTP Basic (a CJM Flow user)");
  }

  private static void problem(HttpServletResponse response, int status, String type, String title, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.getOutputStream().write(("{\"type\":\"urn:cjm:problem:" + type + "\",\"title\":\"" + title + "\",\"status\":"
        + status + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
