package com.cjmflow.backfill.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.cjmflow.backfill.LegacySourceUnreadable;

/**
 * The legacy CRM's SQLite file, read once and whole (read-only, through the sqlite-jdbc driver): every table the
 * backfill knows, as rows in id order. A table the file lacks reads as empty and is reported.
 */
public final class LegacyDatabase {

  public static final List<String> TABLES = List.of("meta", "users", "customers", "applications", "leads", "orders",
      "order_status_events", "payments", "shipments", "tasks", "order_cases", "refund_requests",
      "compensation_requests");

  private final Map<String, List<LegacyRow>> tables;
  private final List<String> missing;

  private LegacyDatabase(Map<String, List<LegacyRow>> tables, List<String> missing) {
    this.tables = tables;
    this.missing = missing;
  }

  public static LegacyDatabase read(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new LegacySourceUnreadable(file + " is not a readable file");
    }
    org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
    config.setReadOnly(true);
    Properties properties = config.toProperties();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), properties)) {
      List<String> present = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("select name from sqlite_master where type = 'table'")) {
        while (rs.next()) {
          present.add(rs.getString(1));
        }
      }
      if (!present.contains("orders")) {
        throw new LegacySourceUnreadable(file + " has no orders table: not a legacy EUBike CRM database");
      }
      Map<String, List<LegacyRow>> tables = new LinkedHashMap<>();
      List<String> missing = new ArrayList<>();
      for (String table : TABLES) {
        if (!present.contains(table)) {
          missing.add(table);
          tables.put(table, List.of());
          continue;
        }
        tables.put(table, rows(connection, table));
      }
      return new LegacyDatabase(tables, missing);
    } catch (SQLException e) {
      throw new LegacySourceUnreadable(file + " cannot be read as SQLite: " + e.getMessage());
    }
  }

  private static List<LegacyRow> rows(Connection connection, String table) throws SQLException {
    List<LegacyRow> rows = new ArrayList<>();
    String order = "meta".equals(table) ? "key" : "id";
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select * from " + table + " order by " + order)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int column = 1; column <= meta.getColumnCount(); column++) {
          values.put(meta.getColumnName(column).toLowerCase(java.util.Locale.ROOT), rs.getObject(column));
        }
        rows.add(new LegacyRow(values));
      }
    }
    return rows;
  }

  public List<LegacyRow> table(String name) {
    return tables.getOrDefault(name, List.of());
  }

  public List<String> missingTables() {
    return missing;
  }

  public String meta(String key) {
    return table("meta").stream().filter(r -> key.equals(r.str("key"))).map(r -> r.str("value")).findFirst()
        .orElse(null);
  }
}
