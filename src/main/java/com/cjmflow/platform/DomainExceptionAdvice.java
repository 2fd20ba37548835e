package com.cjmflow.platform;

import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The web edge of the domain exceptions: each one becomes its problem type and status, in one place. */
@RestControllerAdvice
class DomainExceptionAdvice {

  @ExceptionHandler(DomainException.class)
  ProblemDetail problem(DomainException e) {
    return e.toProblem();
  }
}
