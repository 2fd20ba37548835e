package com.cjmflow;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Counts the SQL statements the service sends and the rows they write, for cost tests: the test context's data
 * source is wrapped (a JDK proxy on connections and statements; nothing else changes) and counts, while
 * {@link #record} runs, the statements of the recording thread and of the requests it sends with the
 * {@link #HEADER} (the test context's {@link #filter()} marks their server thread). Statements of other threads —
 * the node's periodic work (metrics, holacracy watch, index poll) — are never counted, so counts are deterministic.
 */
public final class SqlStatements {

  /**
   * What one recording saw: statements by verb (select, insert, update, delete, other), rows written, and of both
   * what the engine alone did ({@link #engineOnly}: statements over {@code ACT_*} tables only) — a process of any kind
   * runs CJM Flow's listeners (task mirror, continuity, activity log), so a bare process's engine share is what bare
   * Camunda does. {@code serverCpuNanos}: the CPU time of the server threads of the recording's requests, from the
   * filter on (work they hand to other threads is not in it).
   */
  public record Counts(Map<String, Long> statements, long rowsWritten, Map<String, Long> byStatement,
      long engineStatements, long engineRowsWritten, Map<String, Long> rowsByStatement, long serverCpuNanos) {
    public long total() {
      return statements.values().stream().mapToLong(Long::longValue).sum();
    }

    public long of(String verb) {
      return statements.getOrDefault(verb, 0L);
    }

    /** Rows written by the statements that start with {@code prefix} (case-insensitive). */
    public long rowsOf(String prefix) {
      return rowsByStatement.entrySet().stream()
          .filter(e -> e.getKey().regionMatches(true, 0, prefix, 0, prefix.length()))
          .mapToLong(Map.Entry::getValue).sum();
    }

    /** Selects of one task's own variables ({@code ACT_RU_VARIABLE} by {@code TASK_ID_}). */
    public long taskVariableSelects() {
      return byStatement.entrySet().stream()
          .filter(e -> e.getKey().startsWith("SELECT RES.*") && e.getKey().endsWith("WHERE TASK_ID_ = ?"))
          .mapToLong(Map.Entry::getValue).sum();
    }
  }

  /** The request header naming the recording a request belongs to; {@link ApiTestSupport} sends it. */
  public static final String HEADER = "X-Sql-Recording";

  /** The recording under way, or {@code null}. */
  private static volatile String active;
  /** The recording the current thread works for: the recording thread, or a request thread marked by the filter. */
  private static final ThreadLocal<String> THREAD = new ThreadLocal<>();
  private static final AtomicLong RECORDINGS = new AtomicLong();
  private static final Map<String, Long> STATEMENTS = new TreeMap<>();
  private static final Map<String, Long> BY_STATEMENT = new TreeMap<>();
  private static final Map<String, Long> ROWS_BY_STATEMENT = new TreeMap<>();
  private static long rows;
  private static long engineStatements;
  private static long engineRows;
  private static long serverCpu;
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();
  private static final java.util.regex.Pattern TABLE =
      java.util.regex.Pattern.compile("(?i)\\b(?:from|join|into|update)\\s+([a-z_][a-z0-9_]*)");

  private SqlStatements() {}

  /** Runs {@code work} and returns what it sent to the database. One recording at a time. */
  public static synchronized <T> Map.Entry<T, Counts> record(Supplier<T> work) {
    synchronized (STATEMENTS) {
      STATEMENTS.clear();
      BY_STATEMENT.clear();
      ROWS_BY_STATEMENT.clear();
      rows = 0;
      engineStatements = 0;
      engineRows = 0;
      serverCpu = 0;
    }
    String token = "rec-" + RECORDINGS.incrementAndGet();
    THREAD.set(token);
    active = token;
    T result;
    try {
      result = work.get();
    } finally {
      active = null;
      THREAD.remove();
    }
    synchronized (STATEMENTS) {
      return Map.entry(result, new Counts(new TreeMap<>(STATEMENTS), rows, new TreeMap<>(BY_STATEMENT),
          engineStatements, engineRows, new TreeMap<>(ROWS_BY_STATEMENT), serverCpu));
    }
  }

  /** The recording the current thread is counted for, to be sent as {@link #HEADER}; {@code null} when none. */
  public static String recordingOfThisThread() {
    String token = THREAD.get();
    return token != null && token.equals(active) ? token : null;
  }

  /** Marks the server thread of a request that carries the header of the recording under way, for that request. */
  static Filter filter() {
    return (request, response, chain) -> {
      String token = request instanceof HttpServletRequest http ? http.getHeader(HEADER) : null;
      if (token == null || !token.equals(active)) {
        chain.doFilter(request, response);
        return;
      }
      THREAD.set(token);
      long cpu = THREADS.getCurrentThreadCpuTime();
      try {
        chain.doFilter(request, response);
      } finally {
        THREAD.remove();
        long used = THREADS.getCurrentThreadCpuTime() - cpu;
        synchronized (STATEMENTS) {
          serverCpu += used;
        }
      }
    };
  }

  private static boolean counting() {
    return recordingOfThisThread() != null;
  }

  /** The post-processor that wraps the context's data sources. */
  static BeanPostProcessor wrapper() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        return bean instanceof DataSource source && "dataSource".equals(name) ? wrap(source) : bean;
      }
    };
  }

  static DataSource wrap(DataSource target) {
    return proxy(DataSource.class, target, (method, result, args) -> result instanceof Connection connection
        ? proxy(Connection.class, connection, (m, r, a) -> r instanceof Statement statement
            ? statement(statement, m.getName().startsWith("prepare") && a != null && a.length > 0 ? (String) a[0] : null)
            : r)
        : result);
  }

  private static Object statement(Statement target, String preparedSql) {
    Class<?> type = target instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
        : target instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
    return proxy(type, target, new After() {
      private int batched;

      @Override
      public Object after(Method method, Object result, Object[] args) {
        String name = method.getName();
        if (name.equals("addBatch")) {
          batched++;
          if (args != null && args.length == 1 && args[0] instanceof String sql) {
            count(sql, 0);
          } else {
            count(preparedSql, 0);
          }
        } else if (name.equals("executeBatch")) {
          long written = 0;
          for (int n : (int[]) result) {
            written += Math.max(n, 0) == 0 && n == Statement.SUCCESS_NO_INFO ? 1 : Math.max(n, 0);
          }
          written(written, preparedSql);
          batched = 0;
        } else if (name.startsWith("execute")) {
          String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
          long written = result instanceof Integer n ? n : result instanceof Long n ? n : 0;
          if (name.equals("execute") && Boolean.FALSE.equals(result)) {
            try {
              written = Math.max(target.getUpdateCount(), 0);
            } catch (java.sql.SQLException e) {
              written = 0;
            }
          }
          count(sql, written);
        }
        return result;
      }
    });
  }

  private static void count(String sql, long written) {
    if (sql == null || !counting()) {
      return;
    }
    Parsed statement = parsed(sql);
    synchronized (STATEMENTS) {
      STATEMENTS.merge(statement.verb(), 1L, Long::sum);
      BY_STATEMENT.merge(statement.key(), 1L, Long::sum);
      if (statement.engine()) {
        engineStatements++;
      }
      if (!statement.verb().equals("select")) {
        rows += written;
        engineRows += statement.engine() ? written : 0;
        ROWS_BY_STATEMENT.merge(statement.key(), written, Long::sum);
      }
    }
  }

  /** A statement's verb, its key in {@link Counts#byStatement} and whether it is the engine's alone. */
  private record Parsed(String verb, String key, boolean engine) {}

  /**
   * Statements as parsed, by their text: the engine's and the modules' statements are a few hundred fixed strings, so
   * the counting costs a lookup per statement, not a regular expression (it runs on the request threads whose CPU the
   * benchmark measures). Bounded, for statements with literals in their text.
   */
  private static final Map<String, Parsed> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

  private static Parsed parsed(String sql) {
    Parsed known = PARSED.get(sql);
    if (known != null) {
      return known;
    }
    String text = sql.strip().replaceAll("\\s+", " ");
    String verb = text.isEmpty() ? "other" : text.split(" ", 2)[0].toLowerCase(Locale.ROOT);
    if (verb.equals("with")) {
      verb = "select";
    }
    if (!Map.of("select", 1, "insert", 1, "update", 1, "delete", 1).containsKey(verb)) {
      verb = "other";
    }
    // its start names the statement; for long ones also its end (what a select is filtered by)
    String key = text.length() > 240 ? text.substring(0, 160) + " … " + text.substring(text.length() - 80) : text;
    Parsed parsed = new Parsed(verb, key, engineOnly(text));
    if (PARSED.size() < 10_000) {
      PARSED.put(sql, parsed);
    }
    return parsed;
  }

  private static void written(long written, String sql) {
    if (!counting()) {
      return;
    }
    synchronized (STATEMENTS) {
      rows += written;
      if (sql != null) {
        Parsed statement = parsed(sql);
        engineRows += statement.engine() ? written : 0;
        ROWS_BY_STATEMENT.merge(statement.key(), written, Long::sum);
      }
    }
  }

  /** Whether every table a statement names (after from, join, into, update) is one of the engine's {@code ACT_*}. */
  static boolean engineOnly(String sql) {
    java.util.regex.Matcher table = TABLE.matcher(sql);
    boolean any = false;
    while (table.find()) {
      if (!table.group(1).toUpperCase(Locale.ROOT).startsWith("ACT_")) {
        return false;
      }
      any = true;
    }
    return any;
  }

  private interface After {
    Object after(Method method, Object result, Object[] args) throws Exception;
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, Object target, After after) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> wanted
          && wanted.isInstance(target)) {
        return target;
      }
      if (method.getName().equals("isWrapperFor") && args != null && args[0] instanceof Class<?> wanted
          && wanted.isInstance(target)) {
        return true;
      }
      try {
        return after.after(method, method.invoke(target, args), args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
  }
}
