package com.cjmflow.platform;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** RFC 9457 problems with a stable {@code type} per kind, thrown by the modules and rendered by Spring MVC. */
public final class ApiProblems {

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

  static ProblemDetail detail(HttpStatus status, String type, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create("urn:cjm:problem:" + type));
    return problem;
  }

  private static ErrorResponseException problem(HttpStatus status, String type, String detail) {
    return new ErrorResponseException(status, detail(status, type, detail), null);
  }
}
