package com.cjmflow.platform;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A business fact a service reports ({@code OrderNotFound}, {@code UnknownCalendar}, …). Services throw these; only
 * the web edge ({@link DomainExceptionAdvice}) turns them into RFC 9457 problems with the stable type
 * {@code urn:cjm:problem:<type>}.
 */
public abstract class DomainException extends RuntimeException {

  private final HttpStatus status;
  private final String problemType;
  private final Map<String, Object> properties = new LinkedHashMap<>();

  protected DomainException(HttpStatus status, String problemType, String detail) {
    super(detail);
    this.status = status;
    this.problemType = problemType;
  }

  public HttpStatus status() {
    return status;
  }

  public String problemType() {
    return problemType;
  }

  /** A field of the problem body beyond type, status and detail (e.g. the id of what the conflict is with). */
  protected final void property(String name, Object value) {
    properties.put(name, value);
  }

  /** The RFC 9457 problem this fact answers with (the web edges render it; services never build one). */
  public ProblemDetail toProblem() {
    ProblemDetail problem = ApiProblems.detail(status, problemType, getMessage());
    properties.forEach(problem::setProperty);
    return problem;
  }

  /** A request that cannot be read as what it claims to be: 400 with the given type. */
  public static class Invalid extends DomainException {
    public Invalid(String problemType, String detail) {
      super(HttpStatus.BAD_REQUEST, problemType, detail);
    }
  }

  /** Something with this id does not exist: 404 {@code not-found}. */
  public static class NotFound extends DomainException {
    public NotFound(String what, Object id) {
      super(HttpStatus.NOT_FOUND, "not-found", what + " " + id + " does not exist");
    }
  }

  /** The state does not allow it now: 409 {@code state-conflict}. */
  public static class StateConflict extends DomainException {
    public StateConflict(String detail) {
      super(HttpStatus.CONFLICT, "state-conflict", detail);
    }
  }

  /** A business rule refuses it: 422 {@code rule-violation}. */
  public static class RuleViolation extends DomainException {
    public RuleViolation(String detail) {
      super(HttpStatus.UNPROCESSABLE_ENTITY, "rule-violation", detail);
    }
  }

  /** The caller's role may not do it: 403 {@code forbidden}. */
  public static class NotAllowed extends DomainException {
    public NotAllowed(String detail) {
      super(HttpStatus.FORBIDDEN, "forbidden", detail);
    }
  }
}
