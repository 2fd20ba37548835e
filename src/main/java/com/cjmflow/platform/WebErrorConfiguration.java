package com.cjmflow.platform;

import org.apache.catalina.core.StandardHost;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import com.fasterxml.jackson.databind.Module;

/**
 * Errors as RFC 9457 problems at every layer: Spring MVC ({@link ApiExceptionAdvice}), the engine REST API
 * ({@link EngineRestResources}), Spring Boot's {@code /error} ({@link ProblemErrorController}) and requests Tomcat
 * refuses before any servlet sees them ({@link ProblemErrorReportValve}); strict JSON for both JSON readers.
 */
@Configuration(proxyBeanMethods = false)
class WebErrorConfiguration {

  /** Replaces the starter's resource config (it backs off when one exists). */
  @Bean
  @ConditionalOnWebApplication // not in the digitalize command (README "Backfill")
  CamundaJerseyResourceConfig engineRestResources(HistoryService history, AsSystem asSystem) {
    return new EngineRestResources(history, asSystem);
  }

  /** NUL characters and far-out dates refused by Spring's mapper ({@code spring.jackson.parser.*} sets the rest). */
  @Bean
  Module strictJsonModule() {
    return StrictJson.module();
  }

  /** Before everything else, authentication included. */
  @Bean
  FilterRegistrationBean<PathFirewall> pathFirewall() {
    var registration = new FilterRegistrationBean<>(new PathFirewall());
    registration.setName("cjm-path-firewall");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** Tomcat's own error pages (bad URIs, encoded slashes, oversized headers) as problem JSON instead of HTML. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
    return factory -> factory.addContextCustomizers(context -> {
      if (context.getParent() instanceof StandardHost host) {
        host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
      }
    });
  }
}
