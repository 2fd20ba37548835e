package com.cjmflow.backfill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Legacy CRM databases made in the test by the legacy generator ({@code ../shared/legacy/make_legacy_db.py}), with
 * the generator's ground truth.
 */
final class LegacyDatabases {

  static final Path GENERATOR = Path.of("../shared/legacy/make_legacy_db.py");

  record Generated(Path file, JsonNode expected) {}

  private LegacyDatabases() {}

  static Generated generate(int orders, int seed, int messy) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("legacy-" + orders + "-" + seed + "-" + messy);
    Path db = dir.resolve("eubike.db");
    Path expected = dir.resolve("expected.json");
    Process python = new ProcessBuilder("python3", GENERATOR.toString(), "--orders", String.valueOf(orders), "--seed",
        String.valueOf(seed), "--messy", String.valueOf(messy), "--out", db.toString(), "--expected",
        expected.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("generator.log").toFile()).start();
    if (!python.waitFor(120, TimeUnit.SECONDS) || python.exitValue() != 0) {
      throw new IllegalStateException("generator failed: " + Files.readString(dir.resolve("generator.log")));
    }
    return new Generated(db, new ObjectMapper().readTree(expected.toFile()));
  }
}
