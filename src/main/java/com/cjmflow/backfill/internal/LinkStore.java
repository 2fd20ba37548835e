package com.cjmflow.backfill.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.BatchInsert;
import com.cjmflow.platform.RecordRowMapper;

/** {@code crm_backfill_links}: which CJM row each imported legacy row became, and its fingerprint then. */
@Component
public class LinkStore {

  /** A legacy row imported before. */
  public record Link(Long targetId, String fingerprint) {}

  private final JdbcTemplate jdbc;

  LinkStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** legacy id → link, for one legacy table of one system. */
  public Map<Long, Link> of(String system, String table) {
    record Row(long legacyId, Long targetId, String fingerprint) {}
    Map<Long, Link> links = new HashMap<>();
    jdbc.query("select legacy_id, target_id, fingerprint from crm_backfill_links where source_system = ? and "
        + "legacy_table = ?", RecordRowMapper.of(Row.class), system, table)
        .forEach(row -> links.put(row.legacyId(), new Link(row.targetId(), row.fingerprint())));
    return links;
  }

  /** Records links: rows of (legacy id, target id or null, fingerprint). */
  public void add(String system, String table, List<Object[]> links, String runId, OffsetDateTime now) {
    List<Object[]> rows = new ArrayList<>(links.size());
    for (Object[] link : links) {
      rows.add(new Object[] {system, table, link[0], link[1], link[2], runId, now});
    }
    BatchInsert.rows(jdbc, """
        insert into crm_backfill_links (source_system, legacy_table, legacy_id, target_id, fingerprint, run_id,
          imported_at)
        values (?, ?, ?, ?, ?, ?, ?)""", rows);
  }

  /**
   * A legacy row to import ({@code targetId} null) or to update in place: imported by an earlier run as
   * {@code targetId} and changed in the source since.
   */
  record Pending(LegacyRow row, Long targetId) {
    boolean isNew() {
      return targetId == null;
    }
  }

  /**
   * The rows of a legacy table that no run imported before, and those imported before whose fingerprint changed;
   * the others are counted unchanged (all rows read).
   */
  List<Pending> pending(Run run, String table) {
    List<LegacyRow> rows = run.legacy.table(table);
    Report.Counts counts = run.report.counts(table);
    counts.read = rows.size();
    Map<Long, Link> known = of(run.system, table);
    List<Pending> pending = new ArrayList<>();
    for (LegacyRow row : rows) {
      Link link = known.get(row.id());
      if (link == null) {
        pending.add(new Pending(row, null));
      } else if (link.targetId() != null && !row.fingerprint().equals(link.fingerprint())) {
        pending.add(new Pending(row, link.targetId()));
      } else {
        counts.unchanged++;
      }
    }
    return pending;
  }

  /** Imported rows that changed in the source were updated: their fingerprints now, counted updated. */
  void updated(Run run, String table, List<LegacyRow> rows) {
    updated(run, table, rows, rows.stream().map(LegacyRow::fingerprint).toList());
  }

  /** The same with the fingerprints the table's step computed (one per row). */
  void updated(Run run, String table, List<LegacyRow> rows, List<String> fingerprints) {
    List<Object[]> args = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      args.add(new Object[] {fingerprints.get(i), run.id, run.now, run.system, table, rows.get(i).id()});
    }
    BatchInsert.rows(jdbc, """
        update crm_backfill_links set fingerprint = ?, run_id = ?, imported_at = ?
        where source_system = ? and legacy_table = ? and legacy_id = ?""", args);
    run.report.counts(table).updated += rows.size();
  }

  /** Links the imported rows to the ids they became (same order) and counts them imported. */
  void imported(Run run, String table, List<LegacyRow> from, List<Long> ids) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      rows.add(new Object[] {from.get(i).id(), ids.get(i), from.get(i).fingerprint()});
    }
    add(run.system, table, rows, run.id, run.now);
    run.report.counts(table).imported += ids.size();
  }

  public int count(String system, String table) {
    return jdbc.queryForObject("select count(*) from crm_backfill_links where source_system = ? and legacy_table = ?",
        Integer.class, system, table);
  }
}
