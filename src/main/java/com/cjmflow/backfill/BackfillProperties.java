package com.cjmflow.backfill;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cjm.backfill.*}: the legacy system's name in external ids, the legacy status aliases, which Camunda group
 * each legacy staff role fills, where run reports are written, the one folder the API may read legacy files from,
 * and how many process instances one transaction starts.
 */
@ConfigurationProperties("cjm.backfill")
public record BackfillProperties(@DefaultValue("legacy-eubike") String system,
    Map<String, String> statusAliases,
    Map<String, String> roleGroups,
    @DefaultValue("data/backfill") String reportDirectory,
    @DefaultValue("data/legacy") String sourceDirectory,
    @DefaultValue("200") int processBatch) {

  public BackfillProperties {
    statusAliases = statusAliases == null ? Map.of() : Map.copyOf(statusAliases);
    roleGroups = roleGroups == null || roleGroups.isEmpty()
        ? Map.of("manager", "sales-managers", "head", "head-of-sales", "expert", "experts", "warehouse", "warehouse",
            "logistics", "logistics")
        : Map.copyOf(roleGroups);
  }
}
