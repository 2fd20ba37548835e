package com.cjmflow.platform;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A list query with optional filters, read one page at a time: the count and the page (portable
 * {@code offset … rows fetch next … rows only}) over the same {@code from … where}.
 */
public final class PagedQuery {

  private final String from;
  private final StringBuilder where = new StringBuilder(" where 1 = 1");
  private final List<Object> args = new ArrayList<>();

  private PagedQuery(String from) {
    this.from = from;
  }

  /** {@code from} is the from clause with its joins, e.g. {@code "from payments"}. */
  public static PagedQuery from(String from) {
    return new PagedQuery(" " + from.strip());
  }

  /** A condition with its values. */
  public PagedQuery where(String condition, Object... values) {
    where.append(" and ").append(condition);
    args.addAll(List.of(values));
    return this;
  }

  /** A condition with one {@code ?}, only when the filter is given (not null). */
  public PagedQuery whereIf(Object value, String condition) {
    return value == null ? this : where(condition, value);
  }

  /** {@code select} is the select list ({@code "select *"}), {@code orderBy} a total order (ends with the id). */
  public <T> Page<T> page(JdbcTemplate jdbc, String select, String orderBy, RowMapper<T> row, int page, int size) {
    long total = jdbc.queryForObject("select count(*)" + from + where, Long.class, args.toArray());
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add((long) page * size);
    pageArgs.add(size);
    List<T> items = jdbc.query(select + from + where + " order by " + orderBy + " offset ? rows fetch next ? rows only",
        row, pageArgs.toArray());
    return new Page<>(items, page, size, total);
  }

  /** The same with a {@link JdbcClient}: each row read into a record {@code type} by column name (snake_case). */
  public <T> Page<T> page(JdbcClient jdbc, String select, String orderBy, Class<T> type, int page, int size) {
    return page(jdbc, select, orderBy, RecordRowMapper.of(type), page, size);
  }

  /**
   * The first {@code size} items, without counting them all: one statement, for a view that shows a list's start
   * and not its total (the order 360).
   */
  public <T> List<T> first(JdbcClient jdbc, String select, String orderBy, Class<T> type, int size) {
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(size);
    return jdbc.sql(select + from + where + " order by " + orderBy + " offset 0 rows fetch next ? rows only")
        .params(pageArgs).query(RecordRowMapper.of(type)).list();
  }

  /** The same with a {@link JdbcClient} and a row mapper, for rows that are more than their columns. */
  public <T> Page<T> page(JdbcClient jdbc, String select, String orderBy, RowMapper<T> row, int page, int size) {
    long total = jdbc.sql("select count(*)" + from + where).params(args).query(Long.class).single();
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add((long) page * size);
    pageArgs.add(size);
    List<T> items = jdbc.sql(select + from + where + " order by " + orderBy + " offset ? rows fetch next ? rows only")
        .params(pageArgs).query(row).list();
    return new Page<>(items, page, size, total);
  }
}
