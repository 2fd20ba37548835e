package com.cjmflow.platform;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Authentication for every API: HTTP Basic against the engine's identity service on the engine REST API and on our
 * own {@code /api}. The filter also sets the engine authentication for the request, so the engine's authorizations
 * (process-owner-only deployment, task visibility) apply to every call. The webapps have their own login.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> apiAuthenticationFilter() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("cjm-api-authentication");
    registration.addUrlPatterns("/engine-rest/*", "/api/*", "/v3/*", "/swagger-ui/*", "/swagger-ui.html");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /**
   * CVE-2026-77226: Camunda 7.24.0 CE answers the admin set-up endpoint whenever {@code camunda-admin} has no direct
   * member. Our admin is created at start-up, so the endpoint has no legitimate use: it is closed for good.
   */
  @Bean
  FilterRegistrationBean<Filter> adminSetupGuard() {
    Filter refuse = (request, response, chain) -> refuse((HttpServletResponse) response);
    var registration = new FilterRegistrationBean<>(refuse);
    registration.setName("cjm-admin-setup-guard");
    registration.addUrlPatterns("/camunda/api/admin/setup/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  private static void refuse(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType("application/problem+json");
    response.getWriter().write("{\"type\":\"urn:cjm:problem:forbidden\",\"title\":\"Forbidden\",\"status\":403,"
        + "\"detail\":\"The admin set-up endpoint is disabled.\"}");
  }
}
