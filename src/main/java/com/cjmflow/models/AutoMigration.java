package com.cjmflow.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * With {@code cjm.models.auto-migrate}, a newly deployed process version takes its running instances when the plan
 * holds for every one of them; otherwise nothing moves and the dry run tells the process owner why. Runs after the
 * deployment commits (deployments at start-up: once the application is ready).
 */
@Component
@EnableConfigurationProperties(ModelsProperties.class)
class AutoMigration extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(AutoMigration.class);

  private final ModelsProperties properties;
  private final ObjectProvider<ModelMigrations> migrations;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private volatile boolean ready;

  AutoMigration(ModelsProperties properties, ObjectProvider<ModelMigrations> migrations) {
    this.properties = properties;
    this.migrations = migrations;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostDeployers() == null) {
      configuration.setCustomPostDeployers(new ArrayList<>());
    }
    Deployer deployed = deployment -> {
      if (properties.autoMigrate() && deployment.isNew()) {
        deployment.getDeployedProcessDefinitions().stream().map(ProcessDefinition::getKey).forEach(this::afterCommit);
      }
    };
    configuration.getCustomPostDeployers().add(deployed);
  }

  @EventListener(ApplicationReadyEvent.class)
  void ready() {
    ready = true;
    List.copyOf(pending).forEach(key -> {
      pending.remove(key);
      migrateIfEveryInstanceMoves(key);
    });
  }

  /** Migrates the running instances of a process to its latest version if none would be left behind. */
  Optional<ModelMigrations.Execution> migrateIfEveryInstanceMoves(String processKey) {
    ModelMigrations service = migrations.getObject();
    ModelMigrations.DryRun plan = service.dryRun(processKey, Map.of());
    if (plan.instances() == 0 || plan.blocked() > 0) {
      if (plan.blocked() > 0) {
        LOG.info("Not migrating {} automatically: {} of {} running instances cannot move (see the dry run)",
            processKey, plan.blocked(), plan.instances());
      }
      return Optional.empty();
    }
    ModelMigrations.Execution execution = service.migrate(processKey, Map.of());
    LOG.info("Migrating {} running instances of {} to version {} ({} batches)", plan.migratable(), processKey,
        plan.targetVersion(), execution.batches().size());
    return Optional.of(execution);
  }

  private void afterCommit(String processKey) {
    if (!ready) {
      pending.add(processKey);
    } else if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          migrateIfEveryInstanceMoves(processKey);
        }
      });
    } else {
      migrateIfEveryInstanceMoves(processKey);
    }
  }
}
