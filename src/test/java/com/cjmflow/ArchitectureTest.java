package com.cjmflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The principles of PRODUCT.md that code review alone would let slip (module and engine rules: ModularityTests). */
class ArchitectureTest {

  private static final Path MAIN = Path.of("src/main/java/com/cjmflow");
  private static final List<String> SEED_STATUSES = List.of("booked", "reserve_payment_pending", "reserve_paid",
      "seller_check_in_progress", "check_ready", "awaiting_client_decision", "full_payment_pending",
      "full_payment_received", "bike_buyout_completed", "seller_shipped", "expert_received",
      "expert_inspection_in_progress", "expert_report_ready", "awaiting_client_decision_post_inspection",
      "warehouse_received", "warehouse_repacked", "shipped_to_russia", "delivered", "closed", "cancelled");

  /** Words that are also states of other things (a follow-up can be cancelled), where that is what they name. */
  private static final Map<String, List<String>> OTHER_MEANINGS =
      Map.of("followups/FollowupMirror.java", List.of("cancelled"));

  @Test
  void javaNeverListsTheStages() throws IOException {
    for (Path file : sources()) {
      String code = Files.readString(file);
      List<String> allowed = OTHER_MEANINGS.getOrDefault(MAIN.relativize(file).toString(), List.of());
      for (String status : SEED_STATUSES.stream().filter(s -> !allowed.contains(s)).toList()) {
        assertThat(code).as("%s names the stage %s (the BPMN is the only place for stages)", file, status)
            .doesNotContain("\"" + status + "\"").doesNotContain("'" + status + "'");
      }
    }
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(f -> f.toString().endsWith(".java")).toList();
    }
  }
}
