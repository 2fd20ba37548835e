package com.cjmflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SimplePropertyRowMapper;

/**
 * {@link RecordRowMapper} reads what Spring's {@link SimplePropertyRowMapper} reads — snake_case columns and columns
 * named like the component, dates and numbers converted alike, a null refused for a primitive — and finds
 * the columns once per result set from its metadata, never by {@code findColumn} (which throws for every camelCase
 * component of every row in Spring's mapper).
 */
class RecordRowMapperTest {

  record Visit(long id, String stage, String activityId, OffsetDateTime enteredAt, Long durationSeconds,
      boolean onHold, int escalationLevel, BigDecimal priceEur, String clockOwner) {}

  record Missing(long id, String noSuchColumn) {}

  private Connection connection;

  @BeforeEach
  void table() throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:record-row-mapper");
    try (var statement = connection.createStatement()) {
      statement.execute("create table visits (id bigint, stage varchar(50), activity_id varchar(50), "
          + "entered_at timestamp with time zone, duration_seconds bigint, on_hold boolean, escalation_level integer, "
          + "price_amount numeric(12, 2), clockOwner varchar(20))");
      statement.execute("insert into visits values (1, 'booked', 'Task_A', timestamp with time zone "
          + "'2026-12-04 10:00:00+03', 60, true, 2, 1200.50, 'manager')");
      statement.execute("insert into visits values (2, 'paid', 'Task_B', null, null, false, 0, null, null)");
      statement.execute("insert into visits values (3, 'shipped', 'Task_C', timestamp with time zone "
          + "'2026-12-04 12:30:15Z', 0, false, 0, 0, 'seller')");
    }
  }

  @AfterEach
  void close() throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute("drop table visits");
    }
    connection.close();
  }

  private static final String SELECT = "select id, stage, activity_id, entered_at, duration_seconds, on_hold, "
      + "escalation_level, price_amount as price_eur, clockOwner from visits order by id";

  @Test
  void readsWhatSpringsMapperReads() throws SQLException {
    List<Visit> ours = read(SELECT, RecordRowMapper.of(Visit.class), new TreeMap<>());
    List<Visit> springs = read(SELECT, new SimplePropertyRowMapper<>(Visit.class), new TreeMap<>());

    assertThat(ours).hasSize(3).isEqualTo(springs);
    assertThat(ours.get(0).enteredAt().toInstant()).isEqualTo(OffsetDateTime.parse("2026-12-04T07:00:00Z").toInstant());
    assertThat(ours.get(0).priceEur()).isEqualByComparingTo("1200.50");
    assertThat(ours.get(1)).isEqualTo(new Visit(2, "paid", "Task_B", null, null, false, 0, null, null));
  }

  @Test
  void findsTheColumnsOncePerResultSetWithoutFindColumn() throws SQLException {
    Map<String, Integer> calls = new TreeMap<>();
    read(SELECT, RecordRowMapper.of(Visit.class), calls);
    assertThat(calls).containsEntry("getMetaData", 1).doesNotContainKey("findColumn");

    Map<String, Integer> springs = new TreeMap<>();
    read(SELECT, new SimplePropertyRowMapper<>(Visit.class), springs);
    assertThat(springs.get("findColumn")).as("Spring's mapper: a miss and a hit per camelCase component and row")
        .isGreaterThan(3 * Visit.class.getRecordComponents().length);
  }

  @Test
  void aNullForAPrimitiveIsRefusedAsSpringRefusesIt() {
    String nullFlag = "select id, stage, activity_id, entered_at, duration_seconds, cast(null as boolean) as on_hold, "
        + "escalation_level, price_amount as price_eur, clockOwner from visits where id = 1";
    assertThatThrownBy(() -> read(nullFlag, new SimplePropertyRowMapper<>(Visit.class), new TreeMap<>()))
        .isInstanceOf(ConversionFailedException.class);
    assertThatThrownBy(() -> read(nullFlag, RecordRowMapper.of(Visit.class), new TreeMap<>()))
        .isInstanceOf(ConversionFailedException.class);
  }

  @Test
  void aColumnTheRecordNeedsAndTheQueryLacksIsAnSqlException() {
    assertThatThrownBy(() -> read("select id from visits", RecordRowMapper.of(Missing.class), new TreeMap<>()))
        .isInstanceOf(SQLException.class).hasMessageContaining("nosuchcolumn").hasMessageContaining("no_such_column");
  }

  @Test
  void onlyRecords() {
    assertThatThrownBy(() -> RecordRowMapper.of(String.class)).isInstanceOf(IllegalArgumentException.class);
  }

  /** The rows of {@code sql}, read through a result set that counts the calls made to it. */
  private <T> List<T> read(String sql, RowMapper<T> mapper, Map<String, Integer> calls) throws SQLException {
    try (var statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      ResultSet counted = (ResultSet) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {ResultSet.class}, (proxy, method, args) -> {
            calls.merge(method.getName(), 1, Integer::sum);
            try {
              return method.invoke(rows, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      List<T> mapped = new ArrayList<>();
      while (counted.next()) {
        mapped.add(mapper.mapRow(counted, mapped.size()));
      }
      return mapped;
    }
  }
}
