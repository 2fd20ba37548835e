package com.cjmflow.holacracy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.cjmflow.platform.AsSystem;

/**
 * The roles the deployed models name: the candidate groups of the user tasks of the latest version of every process,
 * kept in {@code crm_holacracy_model_roles}. A group no role has yet becomes a role (in the company circle, for the
 * lead link to place and fill), and every role made at run time gets its group and the {@code holacracy-role}
 * access template for exactly the processes that use it. Refreshed after every deployment, on start and by the watch;
 * idempotent.
 */
@Component
class ModelRoles {

  private static final Logger LOG = LoggerFactory.getLogger(ModelRoles.class);

  record Usage(String roleKey, String processKey, String activityId, String taskName) {}

  private final RepositoryService repository;
  private final AsSystem asSystem;
  private final JdbcClient jdbc;
  private final Structure structure;
  private final RoleMembership membership;

  ModelRoles(RepositoryService repository, AsSystem asSystem, JdbcClient jdbc, Structure structure,
      RoleMembership membership) {
    this.repository = repository;
    this.asSystem = asSystem;
    this.jdbc = jdbc;
    this.structure = structure;
    this.membership = membership;
  }

  @Transactional
  public void refresh() {
    Set<Usage> deployed = new LinkedHashSet<>(asSystem.call(this::usages));
    Set<Usage> stored = new HashSet<>(jdbc.sql("select * from crm_holacracy_model_roles").query(Usage.class).list());
    for (Usage usage : stored) {
      if (!deployed.contains(usage)) {
        delete(usage);
      }
    }
    for (Usage usage : deployed) {
      if (!stored.contains(usage)) {
        delete(usage);
        jdbc.sql("""
            insert into crm_holacracy_model_roles (role_key, process_key, activity_id, task_name)
            values (:roleKey, :processKey, :activityId, :taskName)""").paramSource(usage).update();
      }
    }
    Set<String> keys = new LinkedHashSet<>();
    deployed.forEach(usage -> keys.add(usage.roleKey()));
    for (String key : keys) {
      if (structure.roleByKey(key).isEmpty() && membership.isForeignGroup(key)) {
        LOG.warn("The deployed models name the group {}, which exists for something else: not made a role", key);
      } else if (structure.roleByKey(key).isEmpty() && key.matches(Structure.KEY) && !membership.isReserved(key)) {
        try {
          structure.createFromModel(key);
          LOG.info("The deployed models name the new role {}: created in the company circle", key);
        } catch (DuplicateKeyException createdInParallel) {
          LOG.debug("Role {} was created in parallel", key);
        }
      }
    }
    for (Structure.Role role : structure.roles()) {
      membership.roleChanged(role.key(), role.name());
    }
  }

  private void delete(Usage usage) {
    jdbc.sql("""
        delete from crm_holacracy_model_roles
        where role_key = :roleKey and process_key = :processKey and activity_id = :activityId""")
        .paramSource(usage).update();
  }

  private List<Usage> usages() {
    List<Usage> usages = new ArrayList<>();
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
      BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        String groups = task.getCamundaCandidateGroups();
        if (groups == null || groups.contains("${") || groups.contains("#{")) {
          continue; // an expression names no fixed role
        }
        for (String group : groups.split(",")) {
          if (!group.isBlank()) {
            usages.add(new Usage(group.strip(), definition.getKey(), task.getId(), task.getName()));
          }
        }
      }
    }
    return usages;
  }
}
