package com.cjmflow.models;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/** Test candidate {@code stage-sla} tables (stage × tier, FEEL) and the backtest call that tries them. */
public final class CandidateTables {

  private CandidateTables() {}

  /** A table of the given rules ({@link #rule}), first hit wins. */
  public static String table(String... rules) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_Backtest"
            name="Backtest" namespace="http://cjmflow.com/dmn">
          <decision id="stage-sla" name="Stage SLA (test)">
            <decisionTable id="DecisionTable_Backtest" hitPolicy="FIRST">
              <input id="Input_Stage"><inputExpression id="InputExpression_Stage" typeRef="string"><text>stage</text></inputExpression></input>
              <input id="Input_Tier"><inputExpression id="InputExpression_Tier" typeRef="string"><text>customerTier</text></inputExpression></input>
              <output id="Output_SlaDuration" name="slaDuration" typeRef="string" />
              <output id="Output_ClockOwner" name="clockOwner" typeRef="string" />
              <output id="Output_Calendar" name="calendar" typeRef="string" />
              <output id="Output_CountsAgainstManager" name="countsAgainstManager" typeRef="boolean" />
              <output id="Output_WarnAt" name="warnAt" typeRef="double" />
              <output id="Output_EscalateAfter" name="escalateAfter" typeRef="string" />
              %s
            </decisionTable>
          </decision>
        </definitions>
        """.formatted(Arrays.stream(rules).collect(Collectors.joining("\n"))).strip();
  }

  /** A rule on the round-the-clock calendar: warn at half the budget, escalate one hour after the due. */
  public static String rule(String id, String stage, String tier, String budget, String clock) {
    return """
        <rule id="Rule_%1$s">
          <inputEntry id="Rule_%1$s_Stage"><text>%2$s</text></inputEntry>
          <inputEntry id="Rule_%1$s_Tier"><text>%3$s</text></inputEntry>
          <outputEntry id="Rule_%1$s_Budget"><text>"%4$s"</text></outputEntry>
          <outputEntry id="Rule_%1$s_Clock"><text>"%5$s"</text></outputEntry>
          <outputEntry id="Rule_%1$s_Calendar"><text>"always"</text></outputEntry>
          <outputEntry id="Rule_%1$s_Counts"><text>true</text></outputEntry>
          <outputEntry id="Rule_%1$s_WarnAt"><text>0.5</text></outputEntry>
          <outputEntry id="Rule_%1$s_Escalate"><text>"PT1H"</text></outputEntry>
        </rule>""".formatted(id, stage, tier, budget, clock);
  }

  /**
   * The deployed {@code dmn/stage-sla.dmn} with one more rule {@code Rule_<id>} for {@code stage} (every tier, round
   * the clock, the deployed table's columns): before its first rule ({@code first}), so it wins, or after its last.
   */
  public static String deployedWith(String id, String stage, String budget, String clock, boolean first)
      throws java.io.IOException {
    String table;
    try (var in = new org.springframework.core.io.ClassPathResource("dmn/stage-sla.dmn").getInputStream()) {
      table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String rule = """
        <rule id="Rule_%1$s">
          <inputEntry id="Rule_%1$s_Stage"><text>"%2$s"</text></inputEntry>
          <inputEntry id="Rule_%1$s_Tier"><text>-</text></inputEntry>
          <outputEntry id="Rule_%1$s_Duration"><text>"%3$s"</text></outputEntry>
          <outputEntry id="Rule_%1$s_ClockOwner"><text>"%4$s"</text></outputEntry>
          <outputEntry id="Rule_%1$s_Calendar"><text>"always"</text></outputEntry>
          <outputEntry id="Rule_%1$s_CountsAgainstManager"><text>true</text></outputEntry>
          <outputEntry id="Rule_%1$s_WarnAt"><text>0.75</text></outputEntry>
          <outputEntry id="Rule_%1$s_EscalateAfter"><text>"PT4H"</text></outputEntry>
          <outputEntry id="Rule_%1$s_RemindEvery"><text></text></outputEntry>
        </rule>
        """.formatted(id, stage, budget, clock);
    if (!first) {
      return table.replace("</decisionTable>", rule + "</decisionTable>");
    }
    int at = table.indexOf("<rule ");
    return table.substring(0, at) + rule.strip() + "\n      " + table.substring(at);
  }

  /** {@code POST /api/v1/crm/sla/backtest} as {@code user} (password = id); {@code baseline} null: the deployed one. */
  public static ResponseEntity<String> backtest(TestRestTemplate http, String user, String candidate, String baseline,
      OffsetDateTime from, OffsetDateTime to) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.setBasicAuth(user, user);
    var body = new LinkedMultiValueMap<String, Object>();
    body.add("candidate", file("candidate.dmn", candidate));
    if (baseline != null) {
      body.add("baseline", file("baseline.dmn", baseline));
    }
    body.add("from", from.toString());
    body.add("to", to.toString());
    return http.exchange("/api/v1/crm/sla/backtest", HttpMethod.POST, new HttpEntity<>(body, headers),
        String.class);
  }

  private static ByteArrayResource file(String name, String content) {
    return new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return name;
      }
    };
  }
}
