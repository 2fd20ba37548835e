package com.cjmflow.platform;

import org.springframework.http.HttpStatus;

/**
 * A business fact a service reports ({@code OrderNotFound}, {@code UnknownCalendar}, …). Services throw these; only
 * the web edge ({@link DomainExceptionAdvice}) turns them into RFC 9457 problems with the stable type
 * {@code urn:cjm:problem:<type>}.
 */
public abstract class DomainException extends RuntimeException {

  private final HttpStatus status;
  private final String problemType;

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
