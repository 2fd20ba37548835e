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

  public int count(String system, String table) {
    return jdbc.queryForObject("select count(*) from crm_backfill_links where source_system = ? and legacy_table = ?",
        Integer.class, system, table);
  }
}
