package com.cjmflow.platform;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** RFC 9457 problems with a stable {@code type} per kind, thrown by the modules and rendered by Spring MVC. */
public final class ApiProblems {

  /** The prefix of every problem type this service answers with. */
  public static final String TYPE_PREFIX = "urn:cjm:problem:";

  private ApiProblems() {}

  public static ErrorResponseException notFound(String what, Object id) {
    return problem(HttpStatus.NOT_FOUND, "not-found", what + " " + id + " does not exist");
  }

  public static ErrorResponseException conflict(String detail) {
    return problem(HttpStatus.CONFLICT, "state-conflict", detail);
  }

  public static ErrorResponseException unprocessable(String detail) {
    return problem(HttpStatus.UNPROCESSABLE_ENTITY, "rule-violation", detail);
  }

  public static ErrorResponseException forbidden(String detail) {
    return problem(HttpStatus.FORBIDDEN, "forbidden", detail);
  }

  /** A lost race: someone else changed the same thing at the same time (optimistic locking, a lock, a unique key). */
  public static ErrorResponseException concurrentUpdate() {
    return problem(HttpStatus.CONFLICT, "concurrent-update", CONCURRENT_UPDATE);
  }

  static final String CONCURRENT_UPDATE = "Changed at the same time by someone else; reload and try again.";

  public static ProblemDetail detail(HttpStatusCode status, String type, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_PREFIX + type));
    return problem;
  }

  /** The stable type of a problem that only has a status (framework errors, Tomcat, the engine REST API). */
  static String typeFor(int status) {
    return switch (status) {
      case 400 -> "invalid-request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 409 -> "state-conflict";
      case 413 -> "payload-too-large";
      case 414 -> "uri-too-long";
      case 415 -> "unsupported-media-type";
      case 422 -> "rule-violation";
      case 431 -> "headers-too-large";
      default -> status >= 500 ? "internal-error" : "client-error";
    };
  }

  private static ErrorResponseException problem(HttpStatus status, String type, String detail) {
    return new ErrorResponseException(status, detail(status, type, detail), null);
  }
}
