package com.cjmflow.platform;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Every error of our {@code /api} as an RFC 9457 problem with a stable {@code urn:cjm:problem:*} type: Spring MVC's
 * own errors (typed here instead of {@code about:blank}), invalid fields listed in {@code errors}, lost races as 409,
 * data the database refuses as 400. No SQL text, class or index name reaches a response body.
 */
@RestControllerAdvice
class ApiExceptionAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionAdvice.class);

  /** One invalid field of a request. */
  record FieldProblem(String field, String message) {}

  /** Constraint violations on parameters of {@code @Validated} beans. */
  @ExceptionHandler(ConstraintViolationException.class)
  ProblemDetail invalid(ConstraintViolationException e) {
    List<FieldProblem> errors = e.getConstraintViolations().stream()
        .map(v -> new FieldProblem(v.getPropertyPath().toString(), v.getMessage())).sorted(BY_FIELD).toList();
    return invalid(errors);
  }

  @ExceptionHandler(AuthorizationException.class)
  ProblemDetail forbidden(AuthorizationException e) {
    return ApiProblems.detail(HttpStatus.FORBIDDEN, "forbidden", e.getMessage());
  }

  /**
   * The engine's and the database's failures: a lost race (two writers on one process instance, e.g. a task completed
   * while its timer fires; a unique key taken by a parallel request) is 409, refused data 400, anything else 500
   * without its message.
   */
  @ExceptionHandler({ProcessEngineException.class, DataAccessException.class})
  ProblemDetail persistence(RuntimeException e) {
    return FailureKinds.classify(e).or(() -> e instanceof NullValueException
        // what the request works on was completed or deleted by a parallel request after it was read
        ? java.util.Optional.of(FailureKinds.concurrentUpdate()) : java.util.Optional.empty()).map(problem -> {
      log.info("Request refused with {}: {} (root cause {})", problem.getStatus(), e.getClass().getName(),
          FailureKinds.rootCause(e).toString());
      log.debug("Refused request", e);
      return problem;
    }).orElseGet(() -> {
      log.error("Request failed", e);
      return ApiProblems.detail(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "The request failed.");
    });
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldProblem> errors = e.getBindingResult().getAllErrors().stream()
        .map(error -> new FieldProblem(error instanceof FieldError field ? field.getField() : error.getObjectName(),
            error.getDefaultMessage()))
        .sorted(BY_FIELD).toList();
    return ResponseEntity.badRequest().headers(headers).body(invalid(errors));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldProblem> errors = e.getParameterValidationResults().stream()
        .flatMap(result -> result.getResolvableErrors().stream().map(error -> new FieldProblem(
            result.getMethodParameter().getParameterName(), message(error))))
        .sorted(BY_FIELD).toList();
    return ResponseEntity.badRequest().headers(headers).body(invalid(errors));
  }

  /** Unreadable JSON: syntax, a repeated key, a NUL character, a date out of range, a wrong type, an unknown field. */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem = ApiProblems.detail(HttpStatus.BAD_REQUEST, "invalid-json", "The request body is not "
        + "acceptable JSON" + (e.getCause() instanceof JsonProcessingException json ? ": " + StrictJson.reason(json) : "."));
    if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      problem.setProperty("errors", List.of(new FieldProblem(path(mapping), StrictJson.reason(mapping))));
    }
    return ResponseEntity.badRequest().headers(headers).body(problem);
  }

  /** Spring MVC's own problems (404, 405, 415, …) get a stable type instead of {@code about:blank}. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem && (problem.getType() == null
        || URI.create("about:blank").equals(problem.getType()))) {
      problem.setType(URI.create(ApiProblems.TYPE_PREFIX + ApiProblems.typeFor(status.value())));
    }
    return super.createResponseEntity(body, headers, status, request);
  }

  private static final Comparator<FieldProblem> BY_FIELD =
      Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message);

  private static ProblemDetail invalid(List<FieldProblem> errors) {
    ProblemDetail problem = ApiProblems.detail(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid fields: "
        + errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")));
    problem.setProperty("errors", errors);
    return problem;
  }

  private static String message(MessageSourceResolvable error) {
    return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
  }

  /** The JSON path of a mapping failure, e.g. {@code customer.email} or {@code items[2].name}. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }


}
