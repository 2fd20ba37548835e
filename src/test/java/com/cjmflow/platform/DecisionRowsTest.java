package com.cjmflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.cjmflow.ApiTestSupport;

/**
 * {@link DecisionRows#firstUnrecorded} remembers a table's row per version and values of the facts the table reads:
 * a fact it does not read changes nothing, one it reads gives its own row, a new version is evaluated afresh, and a
 * table that reads the clock or a fact that is not a plain value is evaluated every time.
 */
class DecisionRowsTest extends ApiTestSupport {

  @Autowired ProcessEngine engine;

  @Test
  void aRowIsRememberedPerVersionAndValuesOfTheFactsTheTableReads() {
    String key = "memo-" + UUID.randomUUID().toString().substring(0, 8);
    deploy(key, "\"P1D\"", "\"P2D\"");

    assertThat(budget(key, facts("standard", 1))).contains("P1D");
    assertThat(budget(key, facts("standard", 2))).as("orderId is not read by the table").contains("P1D");
    assertThat(DecisionRows.remembered(key)).isEqualTo(1);
    assertThat(budget(key, facts("vip", 3))).contains("P2D");
    assertThat(budget(key, facts("gold", 4))).as("no row matches").isEmpty();
    assertThat(DecisionRows.remembered(key)).isEqualTo(3);

    deploy(key, "\"PT5H\"", "\"PT6H\"");
    assertThat(budget(key, facts("standard", 1))).as("the new version's row").contains("PT5H");
    assertThat(DecisionRows.remembered(key)).isEqualTo(1);
  }

  @Test
  void aTableThatReadsTheClockIsEvaluatedEveryTime() {
    String key = "memo-clock-" + UUID.randomUUID().toString().substring(0, 8);
    deploy(key, "string(now () != null)", "\"P2D\"");

    assertThat(budget(key, facts("standard", 1))).contains("true");
    assertThat(budget(key, facts("standard", 1))).contains("true");
    assertThat(DecisionRows.remembered(key)).isZero();
  }

  @Test
  void aFactThatIsNotAPlainValueIsNotRemembered() {
    String key = "memo-date-" + UUID.randomUUID().toString().substring(0, 8);
    deploy(key, "\"P1D\"", "\"P2D\"");
    Map<String, Object> facts = facts("standard", 1);
    facts.put("standard", new Date()); // its name occurs in the table's text (a literal): taken as read, not plain

    assertThat(budget(key, facts)).contains("P1D");
    assertThat(DecisionRows.remembered(key)).isZero();
  }

  private Optional<String> budget(String key, Map<String, Object> facts) {
    return EngineContext.inCommand(engine, () -> DecisionRows.firstUnrecorded(key, facts))
        .map(DmnDecisionResultEntries::getFirstEntry).map(String::valueOf);
  }

  private static Map<String, Object> facts(String tier, long orderId) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("tier", tier);
    facts.put("orderId", orderId);
    return facts;
  }

  private void deploy(String key, String standard, String vip) {
    String dmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
            xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="Definitions_%1$s" name="t"
            namespace="http://cjmflow.com/dmn/test">
          <decision id="%1$s" name="memo test" camunda:historyTimeToLive="P1D">
            <decisionTable id="Table_%1$s" hitPolicy="FIRST">
              <input id="Input_Tier"><inputExpression id="Expr_Tier" typeRef="string"><text>tier</text>
              </inputExpression></input>
              <output id="Output_Budget" name="budget" typeRef="string" />
              <rule id="Rule_Standard"><inputEntry id="In_Standard"><text>"standard"</text></inputEntry>
                <outputEntry id="Out_Standard"><text>%2$s</text></outputEntry></rule>
              <rule id="Rule_Vip"><inputEntry id="In_Vip"><text>"vip"</text></inputEntry>
                <outputEntry id="Out_Vip"><text>%3$s</text></outputEntry></rule>
            </decisionTable>
          </decision>
        </definitions>""".formatted(key, standard, vip);
    engineRepository.createDeployment().name(key).addString(key + ".dmn", dmn).deploy();
  }
}
