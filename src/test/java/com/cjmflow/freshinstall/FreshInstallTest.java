package com.cjmflow.freshinstall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A fresh installation without demo data (run by {@code .ci/run} on a newly created PostgreSQL database, never in
 * {@code ./mvnw verify}, which shares one context with demo users): the admin, password {@code CJM_ADMIN_PASSWORD},
 * logs into Admin as a browser does (session, CSRF token), creates a user and a group, puts the user into a role
 * group, grants an authorization, unlocks the user after failed logins, and the new user logs into Tasklist.
 */
@Tag("fresh-install")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"cjm.demo-data.enabled=false", "camunda.bpm.job-execution.enabled=false",
        "cjm.notifications.dispatcher.enabled=false"})
class FreshInstallTest {

  @LocalServerPort int port;
  @Value("${CJM_ADMIN_PASSWORD}") String adminPassword;
  @Autowired IdentityService identity;

  /** A browser: its own cookies (session, XSRF-TOKEN). */
  private final class Browser {
    final CookieManager cookies = new CookieManager();
    final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String contentType, String body)
        throws IOException, InterruptedException {
      var request = HttpRequest.newBuilder(uri(path)).method(method, body == null
          ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      cookies.getCookieStore().getCookies().stream().filter(c -> "XSRF-TOKEN".equals(c.getName())).findFirst()
          .map(HttpCookie::getValue).ifPresent(token -> request.header("X-XSRF-TOKEN", token));
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    void logIn(String app, String user, String password) throws IOException, InterruptedException {
      get("/camunda/app/" + app + "/default/");
      var login = send("POST", "/camunda/api/admin/auth/user/default/login/" + app,
          "application/x-www-form-urlencoded", "username=" + enc(user) + "&password=" + enc(password));
      assertThat(login.statusCode()).as("%s logs into %s: %s", user, app, login.body()).isEqualTo(200);
      assertThat(get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(200);
    }

    HttpResponse<String> json(String method, String path, String body) throws IOException, InterruptedException {
      return send(method, path, "application/json", body);
    }
  }

  @Test
  void theAdminCreatesAUserWhoThenLogsIntoTasklist() throws Exception {
    assertThat(identity.createUserQuery().userId("anna").count()).as("no demo users").isZero();
    String engine = "/camunda/api/engine/engine/default";

    Browser admin = new Browser();
    admin.logIn("admin", "admin", adminPassword);
    assertThat(admin.json("POST", engine + "/user/create", """
        {"profile": {"id": "maria", "firstName": "Maria", "lastName": "Kovaleva", "email": "maria@example.ru"},
         "credentials": {"password": "Maria-2026!"}}""").statusCode()).isEqualTo(204);
    assertThat(admin.json("POST", engine + "/group/create",
        "{\"id\": \"field-agents\", \"name\": \"Field agents\", \"type\": \"WORKFLOW\"}").statusCode())
        .isEqualTo(204);
    assertThat(admin.json("PUT", engine + "/group/sales-managers/members/maria", null).statusCode()).isEqualTo(204);
    assertThat(admin.json("PUT", engine + "/group/field-agents/members/maria", null).statusCode()).isEqualTo(204);
    var grant = admin.json("POST", engine + "/authorization/create", """
        {"type": 1, "permissions": ["READ"], "groupId": "field-agents", "resourceType": 6,
         "resourceId": "order-flow"}""");
    assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);

    // a wrong password throttles maria (429 with Retry-After); the admin unlocks her in Admin
    ClockUtil.setCurrentTime(new Date());
    try {
      assertThat(basic("maria", "wrong").statusCode()).isEqualTo(401);
      HttpResponse<String> throttled = basic("maria", "Maria-2026!");
      assertThat(throttled.statusCode()).isEqualTo(429);
      assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
      assertThat(admin.json("POST", engine + "/user/maria/unlock", null).statusCode()).isEqualTo(204);
      assertThat(basic("maria", "Maria-2026!").statusCode()).isEqualTo(200);
    } finally {
      ClockUtil.reset();
    }

    Browser maria = new Browser();
    maria.logIn("tasklist", "maria", "Maria-2026!");
    HttpResponse<String> filters = maria.get(engine + "/filter?resourceType=Task&itemCount=true");
    assertThat(filters.statusCode()).isEqualTo(200);
    assertThat(filters.body()).contains("Мои задачи", "Задачи моих ролей", "Просроченные", "Срок сегодня")
        .doesNotContain("Все открытые задачи", "Нарушения SLA");
    assertThat(maria.get(engine + "/task?candidateGroup=sales-managers").statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> basic(String user, String password) throws IOException, InterruptedException {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/engine-rest/task?maxResults=1"))
        .header("Authorization", "Basic " + credentials).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
