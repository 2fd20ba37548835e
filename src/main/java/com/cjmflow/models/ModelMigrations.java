package com.cjmflow.models;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.batch.history.HistoricBatch;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationInstructionsBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.springframework.stereotype.Service;

import com.cjmflow.platform.AsSystem;
import com.cjmflow.platform.ModelProperties;

/**
 * Moves running instances of a process to its latest version. The plan is the engine's generated one (activities with
 * equal ids) plus explicit mappings for renamed activities: a {@code migratedFrom} property on the target element in
 * the model, or mappings given with the request. Every running instance is checked against the plan: an instance
 * waiting in an activity the plan does not map stays on its version and is reported. Timers keep their due dates
 * (no event trigger is updated), so an order's SLA clock runs on unchanged; its open stage instance follows.
 */
@Service
public class ModelMigrations {

  /** The model property by which a renamed element names the id it had in earlier versions. */
  public static final String MIGRATED_FROM = "migratedFrom";

  public record Blocked(String activityId, long instances, String reason) {}

  public record SourceVersion(String definitionId, int version, long instances, long migratable,
      List<Blocked> blocked, List<String> planProblems) {}

  public record DryRun(String processKey, String targetDefinitionId, int targetVersion, long instances,
      long migratable, long blocked, List<SourceVersion> sources, Map<String, String> mappings) {}

  public record Started(String sourceDefinitionId, int sourceVersion, String batchId, long instances) {}

  public record Execution(DryRun plan, List<Started> batches) {}

  public record Progress(String batchId, long total, long completed, long failed, boolean finished) {}

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final ManagementService management;
  private final AsSystem asSystem;

  ModelMigrations(RepositoryService repository, RuntimeService runtime, HistoryService history,
      ManagementService management, AsSystem asSystem) {
    this.repository = repository;
    this.runtime = runtime;
    this.history = history;
    this.management = management;
    this.asSystem = asSystem;
  }

  /** What a migration to the latest version would do, instance by instance; nothing changes. */
  public DryRun dryRun(String processKey, Map<String, String> requestMappings) {
    return asSystem.call(() -> plan(processKey, requestMappings).dryRun());
  }

  /** Starts one engine batch per source version with the instances that can move; the rest keep running. */
  public Execution migrate(String processKey, Map<String, String> requestMappings) {
    return asSystem.call(() -> {
      Planned planned = plan(processKey, requestMappings);
      List<Started> started = new ArrayList<>();
      for (Source source : planned.sources()) {
        if (source.plan() == null || source.movable().isEmpty()) {
          continue;
        }
        Batch batch = runtime.newMigration(source.plan()).processInstanceIds(List.copyOf(source.movable()))
            .executeAsync();
        started.add(new Started(source.definition().getId(), source.definition().getVersion(), batch.getId(),
            source.movable().size()));
      }
      return new Execution(planned.dryRun(), started);
    });
  }

  /** A batch's progress: from the running batch's statistics, or from history once it has finished. */
  public Progress progress(String batchId) {
    return asSystem.call(() -> {
      var running = management.createBatchStatisticsQuery().batchId(batchId).singleResult();
      if (running != null) {
        return new Progress(batchId, running.getTotalJobs(), running.getCompletedJobs(), running.getFailedJobs(),
            false);
      }
      HistoricBatch done = history.createHistoricBatchQuery().batchId(batchId).singleResult();
      if (done == null) {
        throw new ModelNotFound("Migration batch " + batchId);
      }
      return new Progress(batchId, done.getTotalJobs(), done.getTotalJobs(), 0, done.getEndTime() != null);
    });
  }

  private record Source(ProcessDefinition definition, MigrationPlan plan, List<String> planProblems,
      Set<String> movable, List<Blocked> blocked, long instances) {}

  private record Planned(String processKey, ProcessDefinition target, Map<String, String> mappings,
      List<Source> sources) {
    DryRun dryRun() {
      long instances = sources.stream().mapToLong(Source::instances).sum();
      long movable = sources.stream().mapToLong(source -> source.movable().size()).sum();
      return new DryRun(processKey, target.getId(), target.getVersion(), instances, movable, instances - movable,
          sources.stream().map(source -> new SourceVersion(source.definition().getId(),
              source.definition().getVersion(), source.instances(), source.movable().size(), source.blocked(),
              source.planProblems())).toList(), mappings);
    }
  }

  private Planned plan(String processKey, Map<String, String> requestMappings) {
    ProcessDefinition target = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
        .latestVersion().singleResult();
    if (target == null) {
      throw new ModelNotFound("Process " + processKey);
    }
    Map<String, String> mappings = new TreeMap<>(modelMappings(target));
    mappings.putAll(requestMappings == null ? Map.of() : requestMappings);
    List<Source> sources = new ArrayList<>();
    repository.createProcessDefinitionQuery().processDefinitionKey(processKey).list().stream()
        .filter(definition -> definition.getVersion() < target.getVersion())
        .sorted(Comparator.comparingInt(ProcessDefinition::getVersion))
        .forEach(definition -> {
          Source source = source(definition, target, mappings);
          if (source.instances() > 0) {
            sources.add(source);
          }
        });
    return new Planned(processKey, target, mappings, sources);
  }

  private Source source(ProcessDefinition definition, ProcessDefinition target, Map<String, String> mappings) {
    Map<String, Set<String>> waitingIn = waitingIn(definition.getId());
    Set<String> instances = waitingIn.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
    if (instances.isEmpty()) {
      return new Source(definition, null, List.of(), Set.of(), List.of(), 0);
    }
    MigrationPlan plan;
    try {
      plan = build(definition, target, mappings);
    } catch (MigrationPlanValidationException invalid) {
      List<String> problems = invalid.getValidationReport().getInstructionReports().stream()
          .flatMap(report -> report.getFailures().stream()
              .map(failure -> report.getMigrationInstruction().getSourceActivityId() + " → "
                  + report.getMigrationInstruction().getTargetActivityId() + ": " + failure))
          .toList();
      return new Source(definition, null, problems, Set.of(), List.of(new Blocked("*", instances.size(),
          "The migration plan is invalid: " + String.join("; ", problems))), instances.size());
    }
    Set<String> mapped = plan.getInstructions().stream().map(MigrationInstruction::getSourceActivityId)
        .collect(Collectors.toSet());
    Set<String> blockedInstances = new HashSet<>();
    List<Blocked> blocked = new ArrayList<>();
    waitingIn.forEach((activityId, ids) -> {
      if (!mapped.contains(activityId)) {
        blockedInstances.addAll(ids);
        blocked.add(new Blocked(activityId, ids.size(), "No counterpart in version " + target.getVersion()
            + ": the activity was removed or renamed without a mapping (add the property " + MIGRATED_FROM + " = "
            + activityId + " to the renamed element, or pass a mapping)"));
      }
    });
    Set<String> movable = instances.stream().filter(id -> !blockedInstances.contains(id))
        .collect(Collectors.toCollection(TreeSet::new));
    return new Source(definition, plan, List.of(), movable, blocked, instances.size());
  }

  /** The engine's plan for equal ids plus the explicit mappings whose source activity exists in this version. */
  private MigrationPlan build(ProcessDefinition source, ProcessDefinition target, Map<String, String> mappings) {
    MigrationInstructionsBuilder builder = runtime.createMigrationPlan(source.getId(), target.getId())
        .mapEqualActivities();
    BpmnModelInstance sourceModel = repository.getBpmnModelInstance(source.getId());
    BpmnModelInstance targetModel = repository.getBpmnModelInstance(target.getId());
    for (var mapping : mappings.entrySet()) {
      if (sourceModel.getModelElementById(mapping.getKey()) != null
          && targetModel.getModelElementById(mapping.getValue()) != null
          && targetModel.getModelElementById(mapping.getKey()) == null) {
        builder.mapActivities(mapping.getKey(), mapping.getValue());
        // its boundary events (the SLA timers) go with it, so their jobs keep their due dates
        for (BoundaryEvent boundary : sourceModel.getModelElementsByType(BoundaryEvent.class)) {
          if (boundary.getAttachedTo().getId().equals(mapping.getKey())
              && targetModel.getModelElementById(boundary.getId()) instanceof BoundaryEvent moved
              && moved.getAttachedTo().getId().equals(mapping.getValue())) {
            builder.mapActivities(boundary.getId(), moved.getId());
          }
        }
      }
    }
    return builder.build();
  }

  /** The {@code migratedFrom} properties of the target version: old id → new id. */
  private Map<String, String> modelMappings(ProcessDefinition target) {
    Map<String, String> mappings = new LinkedHashMap<>();
    for (FlowNode node : repository.getBpmnModelInstance(target.getId()).getModelElementsByType(FlowNode.class)) {
      String from = ModelProperties.of(node).get(MIGRATED_FROM);
      if (from != null) {
        mappings.put(from, node.getId());
      }
    }
    return mappings;
  }

  /** Running instances of a definition by the activities they wait in (one history query). */
  private Map<String, Set<String>> waitingIn(String definitionId) {
    Map<String, Set<String>> waiting = new TreeMap<>();
    for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery()
        .processDefinitionId(definitionId).unfinished().list()) {
      waiting.computeIfAbsent(activity.getActivityId(), id -> new TreeSet<>()).add(activity.getProcessInstanceId());
    }
    return waiting;
  }
}
