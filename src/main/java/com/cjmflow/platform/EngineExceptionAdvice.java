package com.cjmflow.platform;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Engine exceptions that reach our API as answers the client can act on. */
@RestControllerAdvice
class EngineExceptionAdvice {

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
