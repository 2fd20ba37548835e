package com.cjmflow.backfill.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.BatchInsert;

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
    Map<Long, Link> links = new HashMap<>();
    jdbc.query("select legacy_id, target_id, fingerprint from crm_backfill_links where source_system = ? and "
        + "legacy_table = ?", rs -> {
          long target = rs.getLong(2);
          links.put(rs.getLong(1), new Link(rs.wasNull() ? null : target, rs.getString(3)));
        }, system, table);
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

  /** The rows of a legacy table that no run imported before; those are counted unchanged (all rows read). */
  List<LegacyRow> fresh(Run run, String table) {
    List<LegacyRow> rows = run.legacy.table(table);
    Report.Counts counts = run.report.counts(table);
    counts.read = rows.size();
    Map<Long, Link> known = of(run.system, table);
    List<LegacyRow> fresh = new ArrayList<>();
    for (LegacyRow row : rows) {
      if (known.containsKey(row.id())) {
        counts.unchanged++;
      } else {
        fresh.add(row);
      }
    }
    return fresh;
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
