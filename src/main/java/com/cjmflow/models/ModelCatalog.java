package com.cjmflow.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;

import com.cjmflow.platform.AsSystem;

/**
 * Which versions of each process and decision are deployed, where each came from, and whether the model file in the
 * repository differs from the latest deployed version — so a Modeler edit that never reached the repository shows.
 * Resources deployed at start-up from the repository are byte-identical to their files.
 */
@Service
public class ModelCatalog {

  /** The deployment name of the start-up auto-deployment of {@code processes/}, {@code dmn/} and {@code forms/}. */
  static final String REPOSITORY_DEPLOYMENT = "SpringAutoDeployment";
  /** The deployment source the Camunda Modeler sends. */
  static final String MODELER_SOURCE = "Camunda Modeler";

  public record Version(int version, String definitionId, String versionTag, String resourceName,
      String deploymentId, String deploymentName, String source, String origin, OffsetDateTime deployedAt) {}

  public record Model(String kind, String key, String name, int latestVersion, String latestOrigin,
      String repositoryFile, Boolean repositoryDiffers, List<Version> versions) {}

  public record Catalog(List<Model> processes, List<Model> decisions) {}

  private record RepositoryFile(String path, byte[] content) {}

  private final RepositoryService repository;
  private final AsSystem asSystem;

  ModelCatalog(RepositoryService repository, AsSystem asSystem) {
    this.repository = repository;
    this.asSystem = asSystem;
  }

  public Catalog catalog() {
    return asSystem.call(() -> {
      Map<String, Deployment> deployments = new HashMap<>();
      repository.createDeploymentQuery().list().forEach(d -> deployments.put(d.getId(), d));
      Map<String, RepositoryFile> processFiles = files("processes/**/*.bpmn", content -> Bpmn
          .readModelFromStream(content).getModelElementsByType(Process.class).stream().map(Process::getId).toList());
      Map<String, RepositoryFile> decisionFiles = files("dmn/**/*.dmn", content -> Dmn
          .readModelFromStream(content).getModelElementsByType(Decision.class).stream().map(Decision::getId).toList());
      List<Model> processes = models("process", repository.createProcessDefinitionQuery().list(), processFiles,
          deployments);
      List<Model> decisions = models("decision", repository.createDecisionDefinitionQuery().list(), decisionFiles,
          deployments);
      return new Catalog(processes, decisions);
    });
  }

  private List<Model> models(String kind, List<? extends ResourceDefinition> definitions,
      Map<String, RepositoryFile> files, Map<String, Deployment> deployments) {
    Map<String, List<ResourceDefinition>> byKey = new TreeMap<>();
    definitions.forEach(definition -> byKey.computeIfAbsent(definition.getKey(), k -> new ArrayList<>()).add(definition));
    List<Model> models = new ArrayList<>();
    byKey.forEach((key, versions) -> {
      versions.sort(Comparator.comparingInt(ResourceDefinition::getVersion));
      List<Version> rows = versions.stream().map(definition -> version(definition, deployments)).toList();
      ResourceDefinition latest = versions.get(versions.size() - 1);
      RepositoryFile file = files.get(key);
      Boolean differs = file == null ? null : !Arrays.equals(file.content(), deployed(latest));
      models.add(new Model(kind, key, latest.getName(), latest.getVersion(), rows.get(rows.size() - 1).origin(),
          file == null ? null : file.path(), differs, rows));
    });
    return models;
  }

  private static Version version(ResourceDefinition definition, Map<String, Deployment> deployments) {
    Deployment deployment = deployments.get(definition.getDeploymentId());
    String name = deployment == null ? null : deployment.getName();
    String source = deployment == null ? null : deployment.getSource();
    String origin = REPOSITORY_DEPLOYMENT.equals(name) ? "repository"
        : MODELER_SOURCE.equals(source) ? "modeler" : "api";
    String versionTag = definition instanceof org.camunda.bpm.engine.repository.ProcessDefinition process
        ? process.getVersionTag()
        : definition instanceof org.camunda.bpm.engine.repository.DecisionDefinition decision
            ? decision.getVersionTag() : null;
    return new Version(definition.getVersion(), definition.getId(), versionTag, definition.getResourceName(),
        definition.getDeploymentId(), name, source, origin,
        deployment == null || deployment.getDeploymentTime() == null ? null
            : deployment.getDeploymentTime().toInstant().atOffset(ZoneOffset.UTC));
  }

  private byte[] deployed(ResourceDefinition definition) {
    try (InputStream in = repository.getResourceAsStream(definition.getDeploymentId(), definition.getResourceName())) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The model files on the classpath (the repository's folders), by the keys they define. */
  private static Map<String, RepositoryFile> files(String pattern, Function<InputStream, List<String>> keys) {
    Map<String, RepositoryFile> files = new LinkedHashMap<>();
    try {
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:" + pattern)) {
        byte[] content;
        try (InputStream in = resource.getInputStream()) {
          content = in.readAllBytes();
        }
        String url = resource.getURL().toString();
        String folder = pattern.substring(0, pattern.indexOf('/') + 1);
        String path = url.substring(url.lastIndexOf("/" + folder) + 1);
        for (String key : keys.apply(new java.io.ByteArrayInputStream(content))) {
          files.putIfAbsent(key, new RepositoryFile(path, content));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
