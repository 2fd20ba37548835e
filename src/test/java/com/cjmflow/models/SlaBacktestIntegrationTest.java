package com.cjmflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A candidate SLA table tried on generated history: its breach, warning, escalation and stall counts equal the ones
 * this test computes on its own from the visits it made, per stage and per tier, and the flips between two tables
 * are exactly the visits one breaches and the other does not.
 */
class SlaBacktestIntegrationTest extends ApiTestSupport {

  /** A period no other test writes stage visits into. */
  private static final OffsetDateTime FROM = OffsetDateTime.of(2019, 2, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  private static final OffsetDateTime TO = FROM.plusDays(30);

  /** One generated visit: stage, tier, duration (null = still open), paused minutes. */
  private record Visit(String stage, String tier, Duration duration, long pausedMinutes) {}

  @AfterEach
  void removeSeededHistory() {
    String orders = "select id from orders where external_id like 'backtest-%'";
    jdbc.update("delete from crm_stage_pauses where order_id in (" + orders + ")");
    jdbc.update("delete from crm_order_stage_instances where order_id in (" + orders + ")");
    jdbc.update("delete from orders where external_id like 'backtest-%'");
    jdbc.update("delete from customers where display_name like 'Backtest %'");
  }

  @Test
  void breachCountsEqualAnIndependentCount() throws Exception {
    List<Visit> visits = generate(400, 7L);
    seed(visits);
    // candidate: quick stage 1 h (gold 2 h), client stage 3 h on the client's clock; warn at half, escalate +1 h
    String candidate = table("PT1H", "PT2H", "PT3H");
    String baseline = table("PT3H", "PT3H", "PT1H");

    JsonNode result = read(backtest("galina", candidate, baseline));

    long[] expectedCandidate = expected(visits, 60, 120, 180);
    long[] expectedBaseline = expected(visits, 180, 180, 60);
    assertThat(result.get("visits").asLong()).isEqualTo(visits.size());
    assertCounts(result.get("candidateTotals"), expectedCandidate);
    assertCounts(result.get("baselineTotals"), expectedBaseline);
    long toBreached = 0;
    long toMet = 0;
    for (Visit visit : visits) {
      boolean before = breached(visit, budget(visit, 180, 180, 60));
      boolean after = breached(visit, budget(visit, 60, 120, 180));
      toBreached += !before && after ? 1 : 0;
      toMet += before && !after ? 1 : 0;
    }
    assertThat(result.get("flippedToBreached").asLong()).isEqualTo(toBreached);
    assertThat(result.get("flippedToMet").asLong()).isEqualTo(toMet);

    JsonNode gold = null;
    for (JsonNode group : result.get("byStageAndTier")) {
      if ("bt_quick".equals(group.get("stage").asText()) && "gold".equals(group.get("tier").asText())) {
        gold = group;
      }
    }
    long goldVisits = visits.stream().filter(v -> v.stage().equals("bt_quick") && v.tier().equals("gold")).count();
    long goldBreaches = visits.stream().filter(v -> v.stage().equals("bt_quick") && v.tier().equals("gold")
        && breached(v, 120)).count();
    assertThat(gold.get("visits").asLong()).isEqualTo(goldVisits);
    assertThat(gold.get("candidate").get("breaches").asLong()).isEqualTo(goldBreaches);
  }

  @Test
  void theDeployedTableIsTheDefaultBaselineAndBadInputIs400() throws Exception {
    String candidate = table("PT1H", "PT2H", "PT3H");
    JsonNode result = read(backtest("olga", candidate, null));
    assertThat(result.get("baseline").asText()).startsWith("deployed stage-sla version");

    assertThat(backtest("olga", "<not-a-dmn/>", null).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Path marker = Files.createTempFile("backtest-marker", ".txt");
    Files.delete(marker);
    String juel = candidate.replace("<text>stage</text>", "<text>${''.getClass().forName('java.nio.file.Files')"
        + ".getMethod('createFile', ''.getClass().forName('java.nio.file.Path'), ''.getClass().forName("
        + "'[Ljava.nio.file.attribute.FileAttribute;')) == null ? stage : stage}</text>")
        .replace("<inputExpression id=\"InputExpression_Stage\" typeRef=\"string\">",
            "<inputExpression id=\"InputExpression_Stage\" typeRef=\"string\" expressionLanguage='juel'>");
    ResponseEntity<String> refused = backtest("olga", juel, null);
    assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(marker).doesNotExist();
  }

  private ResponseEntity<String> backtest(String user, String candidate, String baseline) {
    return CandidateTables.backtest(http, user, candidate, baseline, FROM, TO);
  }

  private static void assertCounts(JsonNode counts, long[] expected) {
    assertThat(List.of(counts.get("breaches").asLong(), counts.get("warnings").asLong(),
        counts.get("escalations").asLong(), counts.get("stalls").asLong()))
        .containsExactly(expected[0], expected[1], expected[2], expected[3]);
  }

  /** Breaches, warnings (at half the budget), escalations (one hour after the due) and stalls, counted here. */
  private static long[] expected(List<Visit> visits, long quick, long quickGold, long client) {
    long[] counts = new long[4];
    for (Visit visit : visits) {
      long budget = budget(visit, quick, quickGold, client);
      counts[0] += breached(visit, budget) ? 1 : 0;
      counts[1] += breached(visit, budget / 2) ? 1 : 0;
      counts[2] += breached(visit, budget + 60) ? 1 : 0;
      counts[3] += visit.duration() == null && visit.stage().equals("bt_quick") ? 1 : 0;
    }
    return counts;
  }

  private static long budget(Visit visit, long quick, long quickGold, long client) {
    return visit.stage().equals("bt_client") ? client : visit.tier().equals("gold") ? quickGold : quick;
  }

  /** Open visits (entered in 2025) have outlasted every budget; a pause moves the due by its length. */
  private static boolean breached(Visit visit, long budgetMinutes) {
    return visit.duration() == null
        || visit.duration().toSeconds() > (budgetMinutes + visit.pausedMinutes()) * 60;
  }

  private static List<Visit> generate(int count, long seed) {
    Random random = new Random(seed);
    List<Visit> visits = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String stage = random.nextInt(3) == 0 ? "bt_client" : "bt_quick";
      String tier = random.nextBoolean() ? "gold" : "standard";
      // whole minutes plus 30 s, so no visit ends exactly on a due date
      Duration duration = random.nextInt(20) == 0 ? null : Duration.ofMinutes(random.nextInt(300)).plusSeconds(30);
      long paused = duration != null && random.nextInt(10) == 0 ? 10 + random.nextInt(50) : 0;
      visits.add(new Visit(stage, tier, duration, paused));
    }
    return visits;
  }

  private void seed(List<Visit> visits) {
    OffsetDateTime created = FROM.minusDays(1);
    for (String tier : List.of("gold", "standard")) {
      jdbc.update("insert into customers (display_name, tier, created_at, updated_at) values (?, ?, ?, ?)",
          "Backtest " + tier, tier, created, created);
    }
    int n = 0;
    for (Visit visit : visits) {
      n++;
      long customer = jdbc.queryForObject("select max(id) from customers where display_name = ?", Long.class,
          "Backtest " + visit.tier());
      jdbc.update("""
          insert into orders (external_id, customer_id, status, bike_title, seller_country, price_amount,
            reserve_required, expert_inspection, created_at, updated_at)
          values (?, ?, ?, 'Backtest bike', 'DE', 1000, false, false, ?, ?)""",
          "backtest-" + n, customer, visit.stage(), created, created);
      long order = jdbc.queryForObject("select id from orders where external_id = ?", Long.class, "backtest-" + n);
      OffsetDateTime entered = FROM.plusHours(n);
      OffsetDateTime left = visit.duration() == null ? null : entered.plus(visit.duration());
      jdbc.update("""
          insert into crm_order_stage_instances (order_id, stage, process_instance_id, activity_id,
            activity_instance_id, clock_owner, entered_at, left_at)
          values (?, ?, ?, 'Task_Backtest', ?, 'manager', ?, ?)""",
          order, visit.stage(), "backtest-pi-" + n, "backtest-ai-" + n, entered, left);
      if (visit.pausedMinutes() > 0) {
        long stageInstance = jdbc.queryForObject(
            "select id from crm_order_stage_instances where activity_instance_id = ?", Long.class, "backtest-ai-" + n);
        jdbc.update("""
            insert into crm_stage_pauses (stage_instance_id, order_id, reason, started_at, ended_at)
            values (?, ?, 'waiting for the client', ?, ?)""", stageInstance, order, entered.plusMinutes(1),
            entered.plusMinutes(1 + visit.pausedMinutes()));
      }
    }
  }

  /** A test table: the quick stage on the managers' wall clock, the client stage on the client's. */
  private static String table(String quick, String quickGold, String client) {
    return CandidateTables.table(CandidateTables.rule("Gold", "\"bt_quick\"", "\"gold\"", quickGold, "manager"),
        CandidateTables.rule("Quick", "\"bt_quick\"", "-", quick, "manager"),
        CandidateTables.rule("Client", "\"bt_client\"", "-", client, "client"));
  }
}
