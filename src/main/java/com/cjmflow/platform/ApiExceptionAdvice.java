package com.cjmflow.platform;

import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Exceptions that Spring MVC does not turn into problems by itself, as answers the client can act on. */
@RestControllerAdvice
class ApiExceptionAdvice {

  /** Constraint violations on parameters of {@code @Validated} beans. */
  @ExceptionHandler(ConstraintViolationException.class)
  ProblemDetail invalid(ConstraintViolationException e) {
    return ApiProblems.detail(HttpStatus.BAD_REQUEST, "invalid-request", e.getConstraintViolations().stream()
        .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining("; ")));
  }

  @ExceptionHandler(AuthorizationException.class)
  ProblemDetail forbidden(AuthorizationException e) {
    return ApiProblems.detail(HttpStatus.FORBIDDEN, "forbidden", e.getMessage());
  }

  /** Two writers touched the same process instance at once (e.g. a task completed while its timer fires). */
  @ExceptionHandler(OptimisticLockingException.class)
  ProblemDetail concurrentUpdate(OptimisticLockingException e) {
    return ApiProblems.detail(HttpStatus.CONFLICT, "concurrent-update",
        "The order was changed at the same time by someone else; reload and try again.");
  }
}
