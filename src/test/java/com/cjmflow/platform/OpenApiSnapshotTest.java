package com.cjmflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The committed {@code src/test/resources/openapi/cjm-flow.json} is the document the application serves: the
 * generated client of the test build ({@code openapi-generator-maven-plugin}, see the pom) is made from it, so the
 * client, the document and the code cannot disagree. After a change of the API, write the snapshot anew with
 * {@code ./mvnw test -Dtest=OpenApiSnapshotTest -Dopenapi.snapshot.update=true} and commit it (README "OpenAPI").
 */
class OpenApiSnapshotTest extends ApiTestSupport {

  static final Path SNAPSHOT = Path.of("src/test/resources/openapi/cjm-flow.json");
  private static final String UPDATE = "openapi.snapshot.update";

  @Test
  void servedDocumentIsTheCommittedSnapshot() throws IOException {
    ResponseEntity<String> response = call("anna", HttpMethod.GET, "/v3/api-docs", null);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    ObjectNode live = (ObjectNode) read(response);
    // Where the document was fetched from (the random test port) is not part of the contract.
    live.putArray("servers").addObject().put("url", "http://localhost:8080").put("description", "A local instance");

    if (Boolean.getBoolean(UPDATE)) {
      Files.createDirectories(SNAPSHOT.getParent());
      Files.writeString(SNAPSHOT, json.writerWithDefaultPrettyPrinter().writeValueAsString(live) + "\n");
    }
    assertThat(Files.exists(SNAPSHOT)).as("%s exists (run with -D%s=true)", SNAPSHOT, UPDATE).isTrue();
    ObjectNode committed = (ObjectNode) json.readTree(SNAPSHOT.toFile());
    // The version changes with every release, not with the API.
    ((ObjectNode) committed.path("info")).set("version", live.at("/info/version"));

    List<String> differences = new ArrayList<>();
    diff("", committed, live, differences);
    assertThat(differences).as("""
        the served /v3/api-docs differs from %s (first differences below). If the API change is intended, write \
        the snapshot anew and commit it: ./mvnw test -Dtest=OpenApiSnapshotTest -D%s=true""", SNAPSHOT, UPDATE)
        .isEmpty();
  }

  /** JSON pointers where the two documents differ, at most 20. */
  private static void diff(String pointer, JsonNode expected, JsonNode actual, List<String> differences) {
    if (differences.size() >= 20 || expected.equals(actual)) {
      return;
    }
    if (expected.isObject() && actual.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
        if (!expected.has(name)) {
          differences.add(child + ": only in the served document");
        } else if (!actual.has(name)) {
          differences.add(child + ": only in the snapshot");
        } else {
          diff(child, expected.get(name), actual.get(name), differences);
        }
      }
    } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
      Iterator<JsonNode> e = expected.elements();
      Iterator<JsonNode> a = actual.elements();
      for (int i = 0; e.hasNext(); i++) {
        diff(pointer + "/" + i, e.next(), a.next(), differences);
      }
    } else {
      differences.add(pointer + ": " + abbreviate(expected) + " in the snapshot, " + abbreviate(actual) + " served");
    }
  }

  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() > 120 ? text.substring(0, 117) + "..." : text;
  }
}
