package com.cjmflow.platform;

import java.sql.SQLException;
import java.util.Optional;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Failures that are the client's answer, not the server's fault: a lost race (optimistic locking, a lock, a unique
 * key taken by a parallel request) is 409, data the database refuses (a NUL character, a date out of range, a text
 * too long) is 400. Read from the cause chain, so it works for Spring's, the engine's and the driver's exceptions
 * alike; the problem never carries the SQL text, constraint or index names.
 */
final class FailureKinds {

  static final String DUPLICATE = "Conflicts with data that exists already (a parallel or repeated request).";
  static final String INVALID_DATA = "A value is not acceptable (invalid characters, out of range or too long).";

  /** Camunda's code for a Java-serialized variable while {@code java-serialization-format-enabled} is false. */
  private static final String JAVA_SERIALIZATION_PROHIBITED = "ENGINE-17007";

  private FailureKinds() {}

  static Optional<ProblemDetail> classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OptimisticLockingException || t instanceof ConcurrencyFailureException) {
        return Optional.of(concurrentUpdate());
      }
      if (t instanceof ProcessEngineException engine && engine.getMessage() != null
          && engine.getMessage().startsWith(JAVA_SERIALIZATION_PROHIBITED)) {
        return Optional.of(ApiProblems.detail(HttpStatus.BAD_REQUEST, "java-serialization-refused",
            "Java-serialized values are not accepted; send JSON or a primitive type."));
      }
      if (t instanceof DataIntegrityViolationException) {
        return Optional.of(ApiProblems.detail(HttpStatus.CONFLICT, "duplicate", DUPLICATE));
      }
      if (t instanceof SQLException sql) {
        Optional<ProblemDetail> bySqlState = bySqlState(sql);
        if (bySqlState.isPresent()) {
          return bySqlState;
        }
      }
    }
    return Optional.empty();
  }

  /** For the log only: the innermost cause (never for a response body). */
  static Throwable rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  static ProblemDetail concurrentUpdate() {
    return ApiProblems.detail(HttpStatus.CONFLICT, "concurrent-update", ApiProblems.CONCURRENT_UPDATE);
  }

  private static Optional<ProblemDetail> bySqlState(SQLException sql) {
    for (SQLException e = sql; e != null; e = e.getNextException()) {
      String state = e.getSQLState() == null ? "" : e.getSQLState();
      // 40001 serialization failure, 40P01 deadlock, 55P03 lock not available (PostgreSQL), HYT00 lock timeout (H2)
      if (state.startsWith("40") || state.equals("55P03") || state.equals("HYT00") || e.getErrorCode() == 90131
          || e.getErrorCode() == 50200) {
        return Optional.of(concurrentUpdate());
      }
      if (state.startsWith("23")) {
        return Optional.of(ApiProblems.detail(HttpStatus.CONFLICT, "duplicate", DUPLICATE));
      }
      if (state.startsWith("22")) {
        return Optional.of(ApiProblems.detail(HttpStatus.BAD_REQUEST, "invalid-data", INVALID_DATA));
      }
    }
    return Optional.empty();
  }
}
