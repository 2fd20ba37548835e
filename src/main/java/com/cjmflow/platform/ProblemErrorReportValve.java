package com.cjmflow.platform;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error report for requests no servlet answered (an invalid or encoded path, a NUL, oversized headers): an
 * RFC 9457 problem instead of Tomcat's HTML page with its version. Carries neither the exception nor Tomcat's message.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    String title = title(status);
    String body = "{\"type\":\"" + ApiProblems.TYPE_PREFIX + ApiProblems.typeFor(status) + "\",\"title\":\"" + title
        + "\",\"status\":" + status + ",\"detail\":\"" + (status >= 500 ? "The request failed." 
        : "The request was refused: " + title.toLowerCase() + ".") + "\"}";
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the response is committed: nothing more to say
    }
  }

  private static String title(int status) {
    org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(status);
    return known == null ? "Error" : known.getReasonPhrase();
  }
}
