package com.cjmflow.control;

import java.util.ArrayList;
import java.util.List;

/** A {@code where} clause built from optional filters (a null value adds nothing) and its arguments. */
final class Where {

  private final StringBuilder sql = new StringBuilder(" where 1 = 1");
  private final List<Object> args = new ArrayList<>();

  Where and(String condition, Object value) {
    if (value != null) {
      sql.append(" and ").append(condition);
      args.add(value);
    }
    return this;
  }

  Where andIf(boolean apply, String condition) {
    if (apply) {
      sql.append(" and ").append(condition);
    }
    return this;
  }

  String sql() {
    return sql.toString();
  }

  Object[] args() {
    return args.toArray();
  }

  /** The arguments followed by offset and limit of the page. */
  Object[] pageArgs(int page, int size) {
    List<Object> all = new ArrayList<>(args);
    all.add((long) page * size);
    all.add(size);
    return all.toArray();
  }
}
