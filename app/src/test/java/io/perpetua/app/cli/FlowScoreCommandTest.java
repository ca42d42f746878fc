package io.perpetua.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code perpetua flow score}: results per line, malformed lines, parameters and exit codes. */
class FlowScoreCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GOOD =
      "{\"id\":\"a\",\"price\":100,\"atr\":0.5,\"cvd_fast\":10,\"cvd_slow\":50,"
          + "\"cvd_acceleration\":1,\"large_buy_qty\":600,\"max_buy_notional\":60000,"
          + "\"long_short_ratio\":0.45,\"top_trader_long_share\":0.6,\"oi_change\":0.04,"
          + "\"premium\":0.001,\"book_imbalance\":0.1,\"symbol\":\"ETHUSDT\"}";

  @TempDir Path dir;

  private static List<JsonNode> lines(String out) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String l : out.split("\n")) {
      if (!l.isBlank()) {
        nodes.add(JSON.readTree(l));
      }
    }
    return nodes;
  }

  @Test
  void malformedLines_nameLineAndField_andTheRestIsScored() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(
        in,
        GOOD
            + "\n{\"price\":100,\"cvd_fast\":\"ten\",\"cvd_slow\":1}\n\nnot json\n"
            + "{\"price\":100,\"cvd_fast\":1,\"cvd_slow\":1,\"bogus\":2}\n"
            + GOOD.replace("\"a\"", "\"b\"")
            + "\n");

    CliRun run = CliRun.of("flow", "score", "--input", in.toString());

    assertThat(run.code()).isEqualTo(1);
    List<JsonNode> out = lines(run.out());
    assertThat(out).hasSize(5);
    assertThat(out.get(0).get("line").asInt()).isEqualTo(1);
    assertThat(out.get(0).get("id").asText()).isEqualTo("a");
    assertThat(out.get(0).get("score").asDouble()).isEqualTo(100.0);
    assertThat(out.get(0).get("direction").asText()).isEqualTo("long");
    assertThat(out.get(0).get("tier").asText()).isEqualTo("heavy");
    assertThat(out.get(0).get("gate_passed").asBoolean()).isTrue();
    assertThat(out.get(0).get("block_reason").asText()).isEqualTo("none");
    assertThat(out.get(0).get("factors").get("direction").asDouble()).isEqualTo(41.25);
    assertThat(out.get(1).get("line").asInt()).isEqualTo(2);
    assertThat(out.get(1).get("errors").get(0).get("field").asText()).isEqualTo("cvd_fast");
    assertThat(out.get(2).get("line").asInt()).isEqualTo(4);
    assertThat(out.get(2).get("errors").get(0).get("field").asText()).isEqualTo("(line)");
    assertThat(out.get(3).get("errors").get(0).get("field").asText()).isEqualTo("bogus");
    assertThat(out.get(4).get("line").asInt()).isEqualTo(6);
    assertThat(out.get(4).get("id").asText()).isEqualTo("b");
    assertThat(out.get(4).get("score").asDouble()).isEqualTo(100.0);
    assertThat(run.err())
        .contains("line 2: field 'cvd_fast': expected a finite number or null, got \"ten\"")
        .contains("line 4: field '(line)': not JSON")
        .contains("line 5: field 'bogus': unknown field")
        .contains("3 malformed line(s)");
  }

  @Test
  void everyLineScored_exitsZero_andFactoryParamsApply() throws Exception {
    Path in = dir.resolve("ok.jsonl");
    Files.writeString(in, GOOD + "\n");

    CliRun v53 = CliRun.of("flow", "score", "--input", in.toString());
    CliRun factory =
        CliRun.of(
            "flow",
            "score",
            "--input",
            in.toString(),
            "--family",
            "factory",
            "--params",
            "{\"direction\":\"short_only\",\"weight_direction\":40,\"weight_env\":40,"
                + "\"weight_aux\":20,\"weight_momentum\":0}");

    assertThat(v53.code()).isZero();
    assertThat(v53.err()).isEmpty();
    assertThat(factory.code()).isZero();
    JsonNode f = lines(factory.out()).get(0);
    assertThat(f.get("family").asText()).isEqualTo("factory");
    assertThat(f.get("tier").asText()).isEqualTo("none");
    assertThat(f.get("block_reason").asText()).isEqualTo("direction_filter");
    assertThat(f.get("factors").get("environment").asDouble()).isEqualTo(40.0);
  }

  @Test
  void badParameters_exitTwo_namingTheParameter() throws Exception {
    Path in = dir.resolve("ok.jsonl");
    Files.writeString(in, GOOD + "\n");

    CliRun unknown = CliRun.of("flow", "score", "--input", in.toString(), "--params", "{\"x\":1}");
    CliRun range =
        CliRun.of(
            "flow", "score", "--input", in.toString(), "--params", "{\"whale_flow_pct\":1.5}");
    CliRun weights =
        CliRun.of("flow", "score", "--input", in.toString(), "--params", "{\"weight_env\":30}");
    CliRun family = CliRun.of("flow", "score", "--input", in.toString(), "--family", "v99");
    CliRun missing = CliRun.of("flow", "score", "--input", dir.resolve("nope").toString());

    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown parameter 'x'");
    assertThat(range.code()).isEqualTo(2);
    assertThat(range.err()).contains("whale_flow_pct");
    assertThat(weights.code()).isEqualTo(2);
    assertThat(weights.err()).contains("'weight_env' applies to --family factory");
    assertThat(family.code()).isEqualTo(2);
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file");
  }
}
