package com.cjmflow.kpi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;

/**
 * The named statements of a classpath SQL file: each starts with a line {@code -- @statement name} and runs to the
 * next one; other comment lines are dropped. Keeps the long set-based KPI SQL readable and out of Java strings.
 */
final class KpiSql {

  private final Map<String, String> statements;

  private KpiSql(Map<String, String> statements) {
    this.statements = statements;
  }

  static KpiSql load(String resource) {
    try (InputStream in = new ClassPathResource(resource).getInputStream()) {
      Map<String, String> statements = new HashMap<>();
      String name = null;
      StringBuilder sql = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String trimmed = line.strip();
        if (trimmed.startsWith("-- @statement ")) {
          put(statements, name, sql);
          name = trimmed.substring("-- @statement ".length()).strip();
          sql.setLength(0);
        } else if (!trimmed.startsWith("--") && !trimmed.isEmpty()) {
          int comment = line.indexOf(" -- ");
          sql.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
        }
      }
      put(statements, name, sql);
      return new KpiSql(statements);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String get(String name) {
    String sql = statements.get(name);
    if (sql == null) {
      throw new IllegalArgumentException("no statement " + name);
    }
    return sql;
  }

  private static void put(Map<String, String> statements, String name, StringBuilder sql) {
    if (name != null) {
      statements.put(name, sql.toString().strip());
    }
  }
}
