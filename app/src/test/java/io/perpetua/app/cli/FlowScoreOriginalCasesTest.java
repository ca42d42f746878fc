package io.perpetua.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.signals.flow.FlowEvaluation;
import io.perpetua.signals.flow.FlowFamily;
import io.perpetua.signals.flow.FlowStrategy;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our v53 and factory scoring against the original system's scorer on pinned cases ({@code
 * flow/original-cases.jsonl}): breakpoint sweeps (long/short-ratio steps, top traders, OI
 * environment, premium bands, P99 flow, whale gates, volatility floor, OBI, spot–perp, CVD gate
 * switch, heavy tier at the flip threshold, totals that reach a threshold only by the rounding to
 * 0.1) and random cases. Each case holds the original's decision, derived by running its Python
 * code ({@code tools/flow-score-compare/fixtures.py}); the test runs the {@code flow score} path
 * (parameters → configuration, JSON line → inputs → score) and needs no Python.
 */
class FlowScoreOriginalCasesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyPinnedCase_matchesTheOriginalScorersDecisionAndScore() throws Exception {
    List<String> mismatches = new ArrayList<>();
    int cases = 0;
    int opens = 0;
    try (InputStream s = getClass().getResourceAsStream("/flow/original-cases.jsonl");
        BufferedReader r = new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        JsonNode c = JSON.readTree(line);
        cases++;
        FlowFamily family = FlowFamily.parse(c.get("family").asText());
        FlowScoreParams params = FlowScoreParams.of(family, c.get("params"));
        FlowScoreInput in = FlowScoreInput.parse(c.get("input"));
        FlowEvaluation ev = FlowStrategy.score(params.config(in.symbol()), in.inputs());
        JsonNode e = c.get("expect");
        opens += e.get("opens").asBoolean() ? 1 : 0;
        String direction = ev.opens() ? ev.direction().code() : null;
        String expectedDirection = e.get("direction").isNull() ? null : e.get("direction").asText();
        boolean same =
            ev.opens() == e.get("opens").asBoolean()
                && java.util.Objects.equals(direction, expectedDirection)
                && ev.tier().code().equals(e.get("tier").asText())
                && ev.score() == e.get("score").asDouble();
        if (!same) {
          mismatches.add(
              c.get("label").asText()
                  + ": expected "
                  + e
                  + ", got opens="
                  + ev.opens()
                  + " direction="
                  + (ev.direction() == FlowDirection.NONE ? "none" : ev.direction().code())
                  + " tier="
                  + ev.tier().code()
                  + " score="
                  + ev.score()
                  + " block="
                  + ev.blockReason());
        }
      }
    }
    assertThat(cases).isGreaterThan(300);
    assertThat(opens).isGreaterThan(100);
    assertThat(mismatches).isEmpty();
  }
}
