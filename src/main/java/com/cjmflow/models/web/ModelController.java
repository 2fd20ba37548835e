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

/** The process owner's view of the deployed models and the migration of running instances to a new version. */
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

  @GetMapping("/api/v1/crm/models")
  ModelCatalog.Catalog models() {
    return catalog.catalog();
  }

  /** The dry run: how many running instances can move to the latest version, and what blocks the others. */
  @GetMapping("/api/v1/crm/models/{processKey}/migration")
  ModelMigrations.DryRun dryRun(@PathVariable String processKey,
      @RequestParam(name = "mapping", required = false) List<String> mapping) {
    return migrations.dryRun(processKey, mappings(mapping));
  }

  @PostMapping("/api/v1/crm/models/{processKey}/migration")
  @ResponseStatus(HttpStatus.ACCEPTED)
  ModelMigrations.Execution migrate(@PathVariable String processKey,
      @RequestBody(required = false) MigrationRequest request) {
    return migrations.migrate(processKey, request == null || request.mappings() == null ? Map.of()
        : request.mappings());
  }

  @GetMapping("/api/v1/crm/models/{processKey}/migration/batches/{batchId}")
  ModelMigrations.Progress progress(@PathVariable String processKey, @PathVariable String batchId) {
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
