package com.cjmflow.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring Boot's {@code /error} (errors raised outside Spring MVC's handlers: filters, {@code sendError}, servlets) as
 * an RFC 9457 problem for every client, replacing the whitelabel page and Boot's error JSON. The exception's message
 * is never shown.
 */
@RestController
class ProblemErrorController implements ErrorController {

  @RequestMapping("${server.error.path:${error.path:/error}}")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    // called directly (no error dispatch): there is nothing at /error
    int status = code == null ? 404 : code instanceof Integer value && value >= 400 ? value : 500;
    HttpStatus known = HttpStatus.resolve(status);
    ProblemDetail problem = ApiProblems.detail(known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known,
        ApiProblems.typeFor(status), status >= 500 ? "The request failed." : "The request was refused.");
    problem.setStatus(status);
    Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (path instanceof String uri) {
      problem.setInstance(java.net.URI.create(uri.replaceAll("[^A-Za-z0-9/._~-]", "_")));
    }
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
