package com.cjmflow.models.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.cjmflow.models.CandidateInvalid;
import com.cjmflow.models.ModelNotFound;

/** The workbench's domain exceptions as problems. */
@RestControllerAdvice(assignableTypes = {ModelController.class, BacktestController.class})
class ModelProblems {

  @ExceptionHandler(ModelNotFound.class)
  ProblemDetail notFound(ModelNotFound e) {
    return problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
  }

  @ExceptionHandler(CandidateInvalid.class)
  ProblemDetail invalid(CandidateInvalid e) {
    return problem(HttpStatus.BAD_REQUEST, "invalid-request", e.getMessage());
  }

  private static ProblemDetail problem(HttpStatus status, String type, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create("urn:cjm:problem:" + type));
    return problem;
  }
}
