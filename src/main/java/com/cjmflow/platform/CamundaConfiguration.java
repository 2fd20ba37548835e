package com.cjmflow.platform;

import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.camunda.bpm.spring.boot.starter.configuration.CamundaDeploymentConfiguration;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Engine wiring: model deployment naming and start-up order against Flyway. */
@Configuration(proxyBeanMethods = false)
class CamundaConfiguration {

  @Bean
  static CamundaDeploymentConfiguration camundaDeploymentConfiguration() {
    return new ModelDeploymentConfiguration();
  }

  /**
   * Makes the process engine wait for Flyway: on a fresh database the engine would otherwise create its tables first
   * and Flyway would refuse the non-empty schema. Registered in {@code META-INF/spring.factories}.
   */
  static class EngineDependsOnFlyway extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {
    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
      return Set.of(ProcessEngine.class, ProcessEngineFactoryBean.class);
    }
  }
}
