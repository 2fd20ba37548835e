package com.cjmflow.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CVE-2026-109432: Camunda 7.24.0 CE evaluates expressions inside the {@code orQueries} of task queries even when
 * expressions in ad-hoc queries are disabled, and CE gets no patch. Task queries and filters that carry an
 * expression inside {@code orQueries} are refused with 400 before they reach the engine.
 */
class OrQueryExpressionGuard extends OncePerRequestFilter {

  private static final int MAX_BODY = 1 << 20;
  private static final Pattern OR_QUERY_WITH_EXPRESSION =
      Pattern.compile("orQueries[\\s\\S]*(\\$|#)\\{", Pattern.CASE_INSENSITIVE);

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !(path.contains("/task") || path.contains("/filter"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    String text = new String(body, StandardCharsets.UTF_8) + "\n" + request.getQueryString();
    if (body.length > MAX_BODY || OR_QUERY_WITH_EXPRESSION.matcher(text).find()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType("application/problem+json");
      response.getWriter().write("{\"type\":\"urn:cjm:problem:expression-refused\",\"title\":\"Bad Request\","
          + "\"status\":400,\"detail\":\"Expressions are not allowed inside orQueries.\"}");
      return;
    }
    chain.doFilter(new CachedBody(request, body), response);
  }

  /** The request with its body read once and replayed to the engine. */
  private static final class CachedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
          return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public java.io.BufferedReader getReader() {
      return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
