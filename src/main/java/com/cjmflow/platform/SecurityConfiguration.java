package com.cjmflow.platform;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Servlet-level guards in front of everything (Spring Security itself: {@code security/ApiSecurityConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

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
