package com.cjmflow.tasklist;

import java.util.Collection;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@link RoleAvailability} without the holacracy module: still a member of one of the candidate groups. */
@Configuration(proxyBeanMethods = false)
class IdentityRoleAvailability {

  @Bean
  @ConditionalOnMissingBean(RoleAvailability.class)
  RoleAvailability roleAvailability(IdentityService identity) {
    return (userId, groups) -> userId != null && groups.stream()
        .anyMatch(group -> identity.createUserQuery().userId(userId).memberOfGroup(group).count() > 0);
  }
}
