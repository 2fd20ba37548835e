package com.cjmflow.platform;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * JDBC batches for bulk imports: rows go to the database in chunks of {@link #CHUNK} statements; for inserts the
 * generated ids come back in row order. The SQL is the caller's (its owning module writes its own tables).
 */
public final class BatchInsert {

  public static final int CHUNK = 1000;

  private BatchInsert() {}

  /** Runs the statement (an insert, or the update of a rerun) once per row; returns nothing (no ids needed). */
  public static void rows(JdbcTemplate jdbc, String sql, List<Object[]> rows) {
    for (int from = 0; from < rows.size(); from += CHUNK) {
      jdbc.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + CHUNK)));
    }
  }

  /** Inserts every row and returns the generated {@code id} of each, in row order. */
  public static List<Long> returningIds(JdbcTemplate jdbc, String sql, List<Object[]> rows) {
    List<Long> ids = new ArrayList<>(rows.size());
    for (int from = 0; from < rows.size(); from += CHUNK) {
      List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
      GeneratedKeyHolder keys = new GeneratedKeyHolder();
      jdbc.batchUpdate(connection -> connection.prepareStatement(sql, new String[] {"id"}),
          new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement statement, int i) throws SQLException {
              Object[] row = chunk.get(i);
              for (int column = 0; column < row.length; column++) {
                StatementCreatorUtils.setParameterValue(statement, column + 1, SqlTypeValue.TYPE_UNKNOWN, row[column]);
              }
            }

            @Override
            public int getBatchSize() {
              return chunk.size();
            }
          }, keys);
      keys.getKeyList().forEach(key -> ids.add(((Number) key.values().iterator().next()).longValue()));
    }
    return ids;
  }
}
