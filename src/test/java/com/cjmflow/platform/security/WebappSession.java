package com.cjmflow.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a browser does with the Camunda webapps: a session cookie, the CSRF token the webapps hand out on a GET and
 * send back in {@code X-XSRF-TOKEN}, the login form of Tasklist. Also plain HTTP Basic calls with raw bytes, for
 * bodies in other charsets.
 */
final class WebappSession {

  private final String root;
  private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
  private String csrfToken;

  private WebappSession(String root) {
    this.root = root;
  }

  /** Logs {@code user} (password = user id) into Tasklist as the login page does. */
  static WebappSession tasklist(String root, String user) {
    WebappSession session = new WebappSession(root);
    session.refreshToken();
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(user, StandardCharsets.UTF_8);
    HttpResponse<String> login = session.send(HttpRequest.newBuilder(URI.create(root
        + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", session.csrfToken)
        .POST(HttpRequest.BodyPublishers.ofString(form)));
    if (login.statusCode() != 200) {
      throw new IllegalStateException("login of " + user + " answered " + login.statusCode() + ": " + login.body());
    }
    session.refreshToken();
    return session;
  }

  /** A JSON POST to the webapps' engine API ({@code /camunda/api/engine/engine/default/...}). */
  HttpResponse<String> postEngineApi(String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(root + "/camunda/api/engine/engine/default" + path))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .header("X-XSRF-TOKEN", csrfToken).POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A POST with HTTP Basic and the body encoded in {@code charset}, declared in the content type. */
  static HttpResponse<String> postBasic(String root, String user, String path, String json, Charset charset) {
    String basic = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    return new WebappSession(root).send(HttpRequest.newBuilder(URI.create(root + path))
        .header("Authorization", "Basic " + basic).header("Accept", "application/json")
        .header("Content-Type", "application/json; charset=" + charset.name())
        .POST(HttpRequest.BodyPublishers.ofByteArray(json.getBytes(charset))));
  }

  private void refreshToken() {
    HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(root + "/camunda/api/admin/auth/user/default"))
        .header("Accept", "application/json").GET());
    csrfToken = page.headers().firstValue("X-XSRF-TOKEN").orElse(csrfToken);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
