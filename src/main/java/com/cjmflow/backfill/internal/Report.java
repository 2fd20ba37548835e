package com.cjmflow.backfill.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run did, table by table: rows read, imported, merged into another row, unchanged since the last run,
 * updated in place, repaired, rejected; every repair and rejection with its legacy id and reason; the time each step took.
 */
public final class Report {

  /** Counts of one legacy table. */
  public static final class Counts {
    public int read;
    public int imported;
    public int merged;
    public int unchanged;
    /** Imported by an earlier run and changed in the source since: updated in place. */
    public int updated;
    public int repaired;
    public int rejected;
  }

  /** One repaired or rejected legacy row. */
  public record Entry(String table, long legacyId, String kind, String rule, String detail) {}

  /** How long a step took: wall-clock and CPU time of the running thread (the machine may be busy with others). */
  public record Step(String name, long millis, long cpuMillis, String summary) {}

  private final Map<String, Counts> tables = new LinkedHashMap<>();
  private final List<Entry> entries = new ArrayList<>();
  private final List<Step> steps = new ArrayList<>();
  private final Map<String, Object> figures = new LinkedHashMap<>();

  public Counts counts(String table) {
    return tables.computeIfAbsent(table, t -> new Counts());
  }

  public void read(String table, int rows) {
    counts(table).read = rows;
  }

  /** A row imported after a repair by a documented rule (several repairs of one row count once per rule). */
  public void repaired(String table, long legacyId, String rule, String detail) {
    counts(table).repaired++;
    entries.add(new Entry(table, legacyId, "repaired", rule, detail));
  }

  public void rejected(String table, long legacyId, String rule, String detail) {
    counts(table).rejected++;
    entries.add(new Entry(table, legacyId, "rejected", rule, detail));
  }

  public void step(String name, long millis, long cpuMillis, String summary) {
    steps.add(new Step(name, millis, cpuMillis, summary));
  }

  public void figure(String name, Object value) {
    figures.put(name, value);
  }

  public Map<String, Counts> tables() {
    return tables;
  }

  public List<Entry> entries() {
    return entries;
  }

  public List<Step> steps() {
    return steps;
  }

  public Map<String, Object> figures() {
    return figures;
  }

  /** Repairs and rejections per rule, e.g. "order_status_events/noncanonical_spelling" → 3. */
  public Map<String, Integer> byRule() {
    Map<String, Integer> rules = new LinkedHashMap<>();
    entries.forEach(e -> rules.merge(e.table() + "/" + e.kind() + "/" + e.rule(), 1, Integer::sum));
    return rules;
  }
}
