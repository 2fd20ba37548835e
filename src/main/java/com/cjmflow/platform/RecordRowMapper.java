package com.cjmflow.platform;

import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.BeanUtils;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcUtils;

/**
 * Reads a row into a record by column label, as Spring's {@code SimplePropertyRowMapper} (what
 * {@code JdbcClient.query(Class)} uses) does: the component {@code slaDueAt} takes the column labelled
 * {@code slaDueAt}, else {@code sla_due_at} (case-insensitive), its value read by {@link JdbcUtils#getResultSetValue}
 * and converted by the shared {@link DefaultConversionService}. It differs in how it finds the columns: from the
 * result set's metadata, once per result set. Spring's mapper asks {@code ResultSet.findColumn} for the component's
 * own name first and takes the snake_case name when the driver throws — an exception for every camelCase component
 * of every row (spring-framework#37297, changed in 7.0 only), which the PostgreSQL driver builds with a formatted
 * message and the request's deep stack: issue #14 measured 1.1 ms of CPU for the 12 stage visits of {@code /cjm}.
 * {@link JdbcConfiguration} gives it to every {@code JdbcClient} query of a record.
 */
public final class RecordRowMapper<T> implements RowMapper<T> {

  private static final ConversionService CONVERSION = DefaultConversionService.getSharedInstance();

  private static final ClassValue<RecordRowMapper<?>> MAPPERS = new ClassValue<>() {
    @Override
    protected RecordRowMapper<?> computeValue(Class<?> type) {
      return new RecordRowMapper<>(type);
    }
  };

  /** The mapper of a record type (one per type). */
  @SuppressWarnings("unchecked")
  public static <T> RecordRowMapper<T> of(Class<T> type) {
    return (RecordRowMapper<T>) MAPPERS.get(type);
  }

  private final Class<T> type;
  private final Constructor<T> constructor;
  private final String[] names;
  private final String[] snakeNames;
  private final TypeDescriptor[] types;
  /** The columns of the result set read last; another one is looked up again. */
  private volatile Columns last;

  private record Columns(WeakReference<ResultSet> resultSet, int[] indexes) {}

  private RecordRowMapper(Class<T> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type.getName() + " is not a record");
    }
    this.type = type;
    RecordComponent[] components = type.getRecordComponents();
    try {
      constructor = type.getDeclaredConstructor(
          Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("A record has its canonical constructor: " + type.getName(), e);
    }
    names = new String[components.length];
    snakeNames = new String[components.length];
    types = new TypeDescriptor[components.length];
    for (int i = 0; i < components.length; i++) {
      names[i] = components[i].getName().toLowerCase(Locale.ROOT);
      snakeNames[i] = JdbcUtils.convertPropertyNameToUnderscoreName(components[i].getName());
      types[i] = new TypeDescriptor(new MethodParameter(constructor, i));
    }
  }

  @Override
  public T mapRow(ResultSet rs, int rowNum) throws SQLException {
    int[] indexes = columns(rs);
    Object[] args = new Object[indexes.length];
    for (int i = 0; i < indexes.length; i++) {
      args[i] = CONVERSION.convert(JdbcUtils.getResultSetValue(rs, indexes[i], types[i].getType()), types[i]);
    }
    return BeanUtils.instantiateClass(constructor, args);
  }

  private int[] columns(ResultSet rs) throws SQLException {
    Columns known = last;
    if (known != null && known.resultSet().get() == rs) {
      return known.indexes();
    }
    ResultSetMetaData metaData = rs.getMetaData();
    Map<String, Integer> byLabel = new HashMap<>();
    for (int column = metaData.getColumnCount(); column >= 1; column--) { // the first of equal labels wins
      byLabel.put(JdbcUtils.lookupColumnName(metaData, column).toLowerCase(Locale.ROOT), column);
    }
    int[] indexes = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      Integer index = byLabel.containsKey(names[i]) ? byLabel.get(names[i]) : byLabel.get(snakeNames[i]);
      if (index == null) {
        throw new SQLException("No column " + names[i] + " or " + snakeNames[i] + " for " + type.getSimpleName()
            + " in the result set");
      }
      indexes[i] = index;
    }
    last = new Columns(new WeakReference<>(rs), indexes);
    return indexes;
  }
}
