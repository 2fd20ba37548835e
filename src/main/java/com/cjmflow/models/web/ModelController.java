package com.cjmflow.models.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.models.CandidateInvalid;
import com.cjmflow.models.ModelCatalog;
import com.cjmflow.models.ModelMigrations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The process owner's view of the deployed models and the migration of running instances to a new version. */
@Tag(name = "Models", description = "Deployed model versions, drift from the repository, migration of running instances")
@RestController
class ModelController {

  /** Explicit mappings for activities renamed in the new version: old id → new id. */
  record MigrationRequest(Map<String, String> mappings) {}

  private final ModelCatalog catalog;
  private final ModelMigrations migrations;

  ModelController(ModelCatalog catalog, ModelMigrations migrations) {
    this.catalog = catalog;
    this.migrations = migrations;
  }

  @Operation(operationId = "listModels", summary = "Deployed processes and decisions: versions, origin, drift from the repository")
  @GetMapping("/api/v1/crm/models")
  ModelCatalog.Catalog models() {
    return catalog.catalog();
  }

  /** The dry run: how many running instances can move to the latest version, and what blocks the others. */
  @Operation(operationId = "planMigration",
      summary = "Dry run: which running instances can move to the latest version, and what blocks the others")
  @GetMapping("/api/v1/crm/models/{processKey}/migration")
  ModelMigrations.DryRun dryRun(@PathVariable @Parameter(description = "The process definition key") String processKey,
      @RequestParam(name = "mapping", required = false)
      @Parameter(description = "An explicit mapping for a renamed activity, sourceActivityId:targetActivityId")
      List<String> mapping) {
    return migrations.dryRun(processKey, mappings(mapping));
  }

  @Operation(operationId = "migrateInstances",
      summary = "Move the running instances that can move to the latest version, as engine batches",
      responses = @ApiResponse(responseCode = "202", description = "The batches started, with the dry run",
          useReturnTypeSchema = true))
  @PostMapping("/api/v1/crm/models/{processKey}/migration")
  @ResponseStatus(HttpStatus.ACCEPTED)
  ModelMigrations.Execution migrate(@PathVariable @Parameter(description = "The process definition key")
      String processKey,
      @RequestBody(required = false) MigrationRequest request) {
    return migrations.migrate(processKey, request == null || request.mappings() == null ? Map.of()
        : request.mappings());
  }

  @Operation(operationId = "migrationProgress", summary = "Progress of a migration batch")
  @GetMapping("/api/v1/crm/models/{processKey}/migration/batches/{batchId}")
  ModelMigrations.Progress progress(@PathVariable @Parameter(description = "The process definition key")
      String processKey, @PathVariable @Parameter(description = "The engine batch id") String batchId) {
    return migrations.progress(batchId);
  }

  /** {@code mapping=Task_Old:Task_New}, repeatable. */
  private static Map<String, String> mappings(List<String> mapping) {
    Map<String, String> mappings = new LinkedHashMap<>();
    for (String pair : mapping == null ? List.<String>of() : mapping) {
      String[] ids = pair.split(":", 2);
      if (ids.length != 2 || ids[0].isBlank() || ids[1].isBlank()) {
        throw new CandidateInvalid("A mapping is 'sourceActivityId:targetActivityId', not '" + pair + "'");
      }
      mappings.put(ids[0].trim(), ids[1].trim());
    }
    return mappings;
  }
}
