package com.cjmflow.platform;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every error of the engine REST API as an RFC 9457 problem ({@code application/problem+json}) with a stable
 * {@code urn:cjm:problem:*} type. Camunda's status rules stay (403 authorization, 400 bad request, 404 unknown id);
 * lost races become 409 (optimistic locking, a task completed by a parallel request, a unique key), data the database
 * refuses 400. Camunda's own fields ({@code message}, {@code code}, parse {@code details}, missing authorizations)
 * stay as extension members for its clients (Modeler, external task clients); {@code exceptionType} carries
 * Camunda's {@code type}. A 5xx answers without the exception's message: it may carry SQL.
 */
class EngineRestProblems implements ExceptionMapper<Throwable> {

  private static final Logger log = LoggerFactory.getLogger(EngineRestProblems.class);
  private static final Pattern TASK_WORK = Pattern.compile("(?:^|/)task/([^/]+)/(?:complete|submit-form|resolve)$");
  private static final ObjectMapper DTO = new ObjectMapper();

  private final HistoryService history;
  private final AsSystem asSystem;

  @Context
  private UriInfo uri;

  EngineRestProblems(HistoryService history, AsSystem asSystem) {
    this.history = history;
    this.asSystem = asSystem;
  }

  @Override
  public Response toResponse(Throwable failure) {
    ProblemDetail problem = problem(failure);
    if (problem.getStatus() >= 500) {
      log.error("Engine REST request failed", failure);
    } else {
      log.debug("Engine REST request refused: {}", failure.toString());
    }
    return Response.status(problem.getStatus()).type(MediaType.valueOf("application/problem+json"))
        .entity(body(problem)).build();
  }

  private ProblemDetail problem(Throwable failure) {
    if (failure instanceof ErrorResponse answer) {
      return answer.getBody();
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof DomainException fact) {
        // also a fact a task listener or delegate raised, which the engine wraps (e.g. a four-eyes refusal)
        return fact.toProblem();
      }
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ExpressionRefused refused) {
        // the engine wraps a refused model expression in "Cannot instantiate process definition" (500)
        return ApiProblems.detail(HttpStatus.BAD_REQUEST, "expression-refused", refused.getMessage());
      }
    }
    Optional<ProblemDetail> known = FailureKinds.classify(failure).or(() -> completedTask(failure));
    if (known.isPresent()) {
      return known.get();
    }
    if (failure instanceof JsonProcessingException json) {
      return ApiProblems.detail(HttpStatus.BAD_REQUEST, "invalid-json", "The request body is not acceptable JSON: "
          + StrictJson.reason(json));
    }
    ExceptionHandlerHelper camunda = ExceptionHandlerHelper.getInstance();
    int status = failure instanceof WebApplicationException web ? web.getResponse().getStatus()
        : camunda.getStatus(failure).getStatusCode();
    if (status >= 500) {
      return ApiProblems.detail(HttpStatus.valueOf(status), ApiProblems.typeFor(status), "The request failed.");
    }
    ExceptionDto dto = camunda.fromException(failure);
    ProblemDetail problem = ApiProblems.detail(HttpStatus.valueOf(status), ApiProblems.typeFor(status),
        dto.getMessage());
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = DTO.convertValue(dto, Map.class);
    fields.forEach((name, value) -> problem.setProperty("type".equals(name) ? "exceptionType" : name, value));
    return problem;
  }

  /**
   * A task that a parallel request completed first: Camunda answers "Cannot find task" (500). When the task exists in
   * the history as ended, it is a lost race: 409.
   */
  private Optional<ProblemDetail> completedTask(Throwable failure) {
    // the engine may also trip over the winner's removed execution while completing (a NullPointerException inside
    // TaskEntity.complete): the same lost race
    boolean removedUnderneath = causedBy(failure, NullPointerException.class);
    // the task's per-task grants go with it: a loser checked after the winner's commit is refused, not 404
    boolean refused = causedBy(failure, AuthorizationException.class);
    if (uri == null || !(removedUnderneath || refused || causedBy(failure, NullValueException.class))) {
      return Optional.empty();
    }
    Matcher task = TASK_WORK.matcher(uri.getPath());
    if (!task.find()) {
      return Optional.empty();
    }
    String taskId = task.group(1);
    boolean ended = asSystem.call(() -> history.createHistoricTaskInstanceQuery().taskId(taskId).finished().count()) > 0;
    if (ended) {
      return Optional.of(ApiProblems.detail(HttpStatus.CONFLICT, "task-completed", "Task " + taskId
          + " was completed by someone else at the same time."));
    }
    if (refused) {
      return Optional.empty(); // a refusal of its own: 403
    }
    return Optional.of(removedUnderneath ? FailureKinds.concurrentUpdate()
        : ApiProblems.detail(HttpStatus.NOT_FOUND, "not-found", "Task " + taskId + " does not exist"));
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** The problem as a plain map: Jersey's JSON writer does not know Spring's ProblemDetail. */
  private static Map<String, Object> body(ProblemDetail problem) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("type", String.valueOf(problem.getType()));
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    if (problem.getDetail() != null) {
      body.put("detail", problem.getDetail());
      body.putIfAbsent("message", problem.getDetail());
    }
    if (problem.getProperties() != null) {
      problem.getProperties().forEach(body::putIfAbsent);
    }
    return body;
  }
}
