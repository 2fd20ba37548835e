package com.cjmflow.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/crm/backfill} and {@code GET /api/v1/crm/backfill/runs/{runId}}: the process owner starts a
 * background run over a file of the source folder and reads its progress and report; bad input answers 4xx, a second
 * run while one holds the lock 409, and everyone else 403.
 */
class BackfillApiIntegrationTest extends ApiTestSupport {

  @Autowired Backfill backfill;
  @Autowired BackfillProperties settings;

  @Test
  void theProcessOwnerRunsTheBackfillInTheBackgroundAndReadsItsReport() throws Exception {
    var legacy = LegacyDatabases.generate(30, 21, 1);
    Path folder = Path.of(settings.sourceDirectory());
    Files.createDirectories(folder);
    Files.copy(legacy.file(), folder.resolve("api-test.db"), StandardCopyOption.REPLACE_EXISTING);

    assertThat(call("anna", HttpMethod.POST, "/api/v1/crm/backfill", Map.of("source", "api-test.db"))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> traversal = call("olga", HttpMethod.POST, "/api/v1/crm/backfill",
        Map.of("source", "../api-test.db"));
    assertThat(traversal.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(read(traversal).get("type").asText()).isEqualTo("urn:cjm:problem:invalid-request");
    ResponseEntity<String> missing = call("olga", HttpMethod.POST, "/api/v1/crm/backfill",
        Map.of("source", "no-such.db"));
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);

    jdbc.update("update crm_backfill_lock set run_id = 'other-node', heartbeat_at = ? where id = 1",
        OffsetDateTime.now());
    ResponseEntity<String> busy = call("olga", HttpMethod.POST, "/api/v1/crm/backfill",
        Map.of("source", "api-test.db"));
    jdbc.update("update crm_backfill_lock set run_id = null, heartbeat_at = null where id = 1");
    assertThat(busy.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(read(busy).get("type").asText()).isEqualTo("urn:cjm:problem:state-conflict");

    ResponseEntity<String> started = call("olga", HttpMethod.POST, "/api/v1/crm/backfill",
        Map.of("source", "api-test.db"));
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    String runId = read(started).get("id").asText();
    assertThat(started.getHeaders().getLocation()).hasToString("/api/v1/crm/backfill/runs/" + runId);
    backfill.await(runId, Duration.ofMinutes(5));

    JsonNode run = read(call("olga", HttpMethod.GET, "/api/v1/crm/backfill/runs/" + runId, null));
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("done");
    assertThat(run.get("stepsDone").asInt()).isEqualTo(run.get("stepsTotal").asInt());
    assertThat(run.at("/report/tables/orders/imported").asInt()).isEqualTo(legacy.expected().at("/rows/orders").asInt());
    assertThat(run.at("/report/entries").findValuesAsText("rule")).contains("orphan_payment");
    assertThat(Path.of(run.get("reportFile").asText())).exists();
    assertThat(call("anna", HttpMethod.GET, "/api/v1/crm/backfill/runs/" + runId, null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("olga", HttpMethod.GET, "/api/v1/crm/backfill/runs/no-such-run", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }
}
