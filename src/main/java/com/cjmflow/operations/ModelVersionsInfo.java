package com.cjmflow.operations;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/info} names the model versions running next to the build: per process and decision key its latest
 * deployed version and version tag.
 */
@Component
class ModelVersionsInfo implements InfoContributor {

  private final RepositoryService repository;

  ModelVersionsInfo(RepositoryService repository) {
    this.repository = repository;
  }

  @Override
  public void contribute(Info.Builder builder) {
    Map<String, Object> processes = new LinkedHashMap<>();
    repository.createProcessDefinitionQuery().latestVersion().orderByProcessDefinitionKey().asc().list()
        .forEach(definition -> processes.put(definition.getKey(),
            version(definition.getVersion(), definition.getVersionTag(), definition.getDeploymentId())));
    Map<String, Object> decisions = new LinkedHashMap<>();
    repository.createDecisionDefinitionQuery().latestVersion().orderByDecisionDefinitionKey().asc().list()
        .forEach(definition -> decisions.put(definition.getKey(),
            version(definition.getVersion(), definition.getVersionTag(), definition.getDeploymentId())));
    builder.withDetail("models", Map.of("processes", processes, "decisions", decisions));
  }

  private static Map<String, Object> version(int version, String tag, String deploymentId) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("version", version);
    result.put("versionTag", tag);
    result.put("deploymentId", deploymentId);
    return result;
  }
}
