package com.cjmflow.backfill;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The closing summary of a run in a few lines: counts per table, repairs and rejections per rule, the report file. */
final class BackfillSummary {

  private BackfillSummary() {}

  static String of(BackfillRun run) {
    StringBuilder text = new StringBuilder();
    if (run.report() == null) {
      return "run " + run.id() + " " + run.status() + (run.error() == null ? "" : ": " + run.error());
    }
    text.append(String.format("%-24s %7s %8s %7s %9s %8s %8s%n", "table", "read", "imported", "merged", "unchanged",
        "repaired", "rejected"));
    for (Iterator<Map.Entry<String, JsonNode>> it = run.report().get("tables").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> table = it.next();
      JsonNode c = table.getValue();
      text.append(String.format("%-24s %7d %8d %7d %9d %8d %8d%n", table.getKey(), c.path("read").asInt(),
          c.path("imported").asInt(), c.path("merged").asInt(), c.path("unchanged").asInt(),
          c.path("repaired").asInt(), c.path("rejected").asInt()));
    }
    text.append("repairs and rejections by rule:\n");
    run.report().get("rules").fields().forEachRemaining(rule -> text.append("  ").append(rule.getKey()).append(": ")
        .append(rule.getValue().asInt()).append('\n'));
    text.append("figures: ").append(run.report().get("figures")).append('\n');
    text.append("report: ").append(run.reportFile() == null ? "(no file)" : run.reportFile())
        .append(" and GET /api/v1/crm/backfill/runs/").append(run.id());
    return text.toString();
  }
}
