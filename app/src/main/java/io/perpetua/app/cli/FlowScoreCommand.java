package io.perpetua.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpetua.signals.flow.FlowEvaluation;
import io.perpetua.signals.flow.FlowFamily;
import io.perpetua.signals.flow.FlowStrategy;
import io.perpetua.signals.flow.FlowStrategyConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code perpetua flow score --input FILE.jsonl}: scores one JSON object of raw inputs per line
 * with a scoring family and prints one JSON result per line, streaming (constant memory whatever
 * the file size). A malformed line yields an error object on stdout (so output line N answers input
 * line N) and a message naming the line and the field on stderr; the other lines are still scored.
 * Exit codes: 0 every line scored, 1 some lines malformed, 2 bad usage, parameters or unreadable
 * file.
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
      "Scores recorded order-flow inputs: one JSON object per line in (the raw inputs, e.g."
          + " {\"price\":100,\"atr\":0.5,\"cvd_fast\":12,\"cvd_slow\":40,...}), one JSON result per"
          + " line out (score, direction, tier, gate_passed, block_reason, factors).",
      "A malformed line gives {\"line\":N,\"errors\":[...]} on stdout and 'line N: field ...' on"
          + " stderr; the rest of the file is still scored. Input fields, parameters and results:"
          + " docs/orderflow.md."
    },
    footer = {
      "",
      "Exit codes: 0 all scored, 1 some lines malformed, 2 bad usage or parameters.",
      "",
      "Examples:",
      "  ./perpetua flow score --input inputs.jsonl",
      "  ./perpetua flow score --input inputs.jsonl --family factory \\",
      "      --params '{\"symbol\":\"ETHUSDT\",\"entry_score\":70}'"
    })
public final class FlowScoreCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(
      names = "--input",
      required = true,
      paramLabel = "<jsonl>",
      description = "JSONL file of raw inputs, one object per line ('-' reads standard input).")
  String input;

  @Option(
      names = "--family",
      defaultValue = "v53",
      paramLabel = "FAMILY",
      description = "Scoring family: v53, factory, v51 or v52 (default ${DEFAULT-VALUE}).")
  String family;

  @Option(
      names = "--params",
      defaultValue = "{}",
      paramLabel = "JSON",
      description =
          "Strategy parameters as a JSON object: symbol, direction, entry_score, flip_threshold,"
              + " the gate fields (v53, factory) and the factory fields (weights ...).")
  String params;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    FlowScoreParams strategy;
    try {
      strategy = FlowScoreParams.of(parseFamily(family), JSON.readTree(params));
    } catch (JsonProcessingException e) {
      err.println("perpetua: --params is not valid JSON: " + e.getOriginalMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("perpetua: " + e.getMessage());
      return 2;
    }
    if (!input.equals("-") && !Files.isRegularFile(Path.of(input))) {
      err.println("perpetua: no such file: " + input);
      return 2;
    }
    try (BufferedReader in = open()) {
      Writer out = spec.commandLine().getOut();
      int failed = score(in, out, err, strategy);
      out.flush();
      if (failed > 0) {
        err.println("perpetua: " + failed + " malformed line(s); the others were scored");
        return 1;
      }
      return 0;
    }
  }

  private BufferedReader open() throws IOException {
    if (input.equals("-")) {
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
    }
    return Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8);
  }

  private static FlowFamily parseFamily(String code) {
    return switch (code) {
      case "v51" -> FlowFamily.V51_BASELINE;
      case "v52" -> FlowFamily.V52_8SIGNALS;
      default -> FlowFamily.parse(code);
    };
  }

  /** Scores every line of {@code in}; returns the number of malformed lines. */
  static int score(BufferedReader in, Writer out, PrintWriter err, FlowScoreParams strategy)
      throws IOException {
    int failed = 0;
    long lineNo = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      ObjectNode result;
      try {
        result = scoreLine(lineNo, line, strategy);
      } catch (FlowScoreInput.LineException e) {
        failed++;
        err.println("line " + lineNo + ": " + e.getMessage());
        result = FlowScoreOutput.error(lineNo, e.problems());
      }
      out.write(JSON.writeValueAsString(result));
      out.write('\n');
    }
    return failed;
  }

  private static ObjectNode scoreLine(long lineNo, String line, FlowScoreParams strategy)
      throws FlowScoreInput.LineException {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new FlowScoreInput.LineException(
          List.of(new FlowScoreInput.Problem("(line)", "not JSON: " + e.getOriginalMessage())));
    }
    FlowScoreInput in = FlowScoreInput.parse(node);
    FlowStrategyConfig config;
    try {
      config = strategy.config(in.symbol());
    } catch (IllegalArgumentException e) {
      throw new FlowScoreInput.LineException(
          List.of(new FlowScoreInput.Problem("symbol", e.getMessage())));
    }
    FlowEvaluation ev = FlowStrategy.score(config, in.inputs());
    return FlowScoreOutput.result(lineNo, in.id(), config, ev);
  }
}
