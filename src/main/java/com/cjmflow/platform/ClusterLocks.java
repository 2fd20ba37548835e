package com.cjmflow.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

/**
 * Locks held across the nodes of one database: ShedLock on its table {@code shedlock} (Flyway V17). Each lock and
 * unlock commits on its own; lock times are the database's, so the nodes' clocks need not agree.
 */
@Configuration(proxyBeanMethods = false)
class ClusterLocks {

  @Bean
  LockProvider clusterLockProvider(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder().withJdbcTemplate(jdbc)
        .withTransactionManager(transactions).usingDbTime().build());
  }
}
