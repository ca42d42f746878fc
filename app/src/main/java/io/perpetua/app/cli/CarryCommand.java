package io.perpetua.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.time.Times;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code perpetua carry list|show|start|confirm|close|report}: the funding carries of a running
 * platform through its API ({@code /api/v1/carry}, docs/funding-carry.md), as its user sees them:
 * nothing is sent before {@code confirm}, exactly as over HTTP. The platform's address comes from
 * {@code --api} or the data directory's {@code api.url}, the token from {@code PERPETUA_API_TOKEN}
 * or the data directory's token file ({@link RunningPlatform}).
 */
@Command(
    name = "carry",
    mixinStandardHelpOptions = true,
    description = {
      "The funding carries of a running platform, through its API (/api/v1/carry).",
      "start and close only ask: nothing is sent before confirm."
    },
    subcommands = {
      CarryCommand.ListCarries.class,
      CarryCommand.Show.class,
      CarryCommand.Start.class,
      CarryCommand.Confirm.class,
      CarryCommand.Close.class,
      CarryCommand.Report.class
    },
    footer = {
      "",
      "Example:",
      "  ./perpetua carry start btc --quantity 0.100",
      "  ./perpetua carry confirm btc"
    })
public final class CarryCommand implements Runnable {
  @Mixin LocalStoreOptions store = new LocalStoreOptions();

  @Option(
      names = "--api",
      paramLabel = "URL",
      description = "The platform's address (default: api.url in the data directory).",
      scope = ScopeType.INHERIT)
  String api;

  @Spec CommandSpec spec;

  /** The environment (the token); replaced in tests. */
  Map<String, String> env = System.getenv();

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private RunningPlatform platform() {
    Path dir = store.dataDir;
    if (dir == null) {
      PerpetuaConfig config = Home.config(store.configFile);
      dir = Home.resolve(config.data().dir());
    }
    String none =
        "no running platform: start one with ./perpetua run, or give --api URL and"
            + " PERPETUA_API_TOKEN";
    return (api == null ? RunningPlatform.find(dir, env) : RunningPlatform.at(api, dir, env))
        .orElseThrow(() -> new IllegalStateException(none));
  }

  /** Runs {@code method path} and prints the answer with {@code print}. */
  int call(String method, String path, JsonNode body, Printer print) {
    PrintWriter out = spec.commandLine().getOut();
    try (RunningPlatform p = platform()) {
      print.print(out, p.call(method, path, body));
      out.flush();
      return 0;
    } catch (RunningPlatform.Failure e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 1;
    }
  }

  /** Prints an answer's data. */
  @FunctionalInterface
  interface Printer {
    void print(PrintWriter out, JsonNode data);
  }

  static String path(String id, String action) {
    return "/api/v1/carry/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + action;
  }

  static void status(PrintWriter out, JsonNode c) {
    out.printf(
        "%-12s %-8s %-8s %-10s spot %-12s perp %-12s deviation %.4f%n",
        c.path("id").asText(),
        c.path("mode").asText(),
        c.path("state").asText(),
        c.path("pending").asText().isEmpty() ? "-" : "pending:" + c.path("pending").asText(),
        c.path("spot_position").asText(),
        c.path("perp_position").asText(),
        c.path("hedge_deviation").asDouble());
  }

  /** {@code carry list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the carries: mode, state, what awaits confirmation, both legs.")
  static final class ListCarries implements Callable<Integer> {
    @ParentCommand CarryCommand parent;

    @Override
    public Integer call() {
      return parent.call(
          "GET",
          "/api/v1/carry",
          null,
          (out, d) -> {
            if (d.path("items").isEmpty()) {
              out.println("No carry configured (control.carry in the configuration).");
            }
            d.path("items").forEach(c -> status(out, c));
          });
    }
  }

  /** {@code carry show ID}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Shows a carry with its hard limits and the checklist for real mode.")
  static final class Show implements Callable<Integer> {
    @ParentCommand CarryCommand parent;

    @Parameters(paramLabel = "ID", description = "The carry's id.")
    String id;

    @Override
    public Integer call() {
      return parent.call(
          "GET",
          path(id, ""),
          null,
          (out, d) -> {
            status(out, d);
            out.println("  funding rate: " + d.path("funding_rate").asText("unknown"));
            out.println("  last error:   " + d.path("last_error").asText());
            d.path("limits").fields().forEachRemaining(f -> out.println("  " + f));
            for (JsonNode i : d.path("checklist")) {
              out.printf(
                  "  [%s] %s: %s%n",
                  i.path("passed").asBoolean() ? "x" : " ",
                  i.path("name").asText(),
                  i.path("detail").asText());
            }
          });
    }
  }

  /** {@code carry start ID --quantity Q}. */
  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Asks to open a carry of a quantity per leg; confirm sends it.")
  static final class Start implements Callable<Integer> {
    @ParentCommand CarryCommand parent;

    @Parameters(paramLabel = "ID", description = "The carry's id.")
    String id;

    @Option(
        names = "--quantity",
        required = true,
        paramLabel = "Q",
        description = "Quantity of the underlying per leg, e.g. 0.100.")
    String quantity;

    @Override
    public Integer call() {
      JsonNode body = RunningPlatform.JSON.createObjectNode().put("quantity", quantity);
      return parent.call("POST", path(id, "/start"), body, pending(id));
    }
  }

  /** {@code carry confirm ID}. */
  @Command(
      name = "confirm",
      mixinStandardHelpOptions = true,
      description = "Confirms the pending start, close or switch to real mode.")
  static final class Confirm implements Callable<Integer> {
    @ParentCommand CarryCommand parent;

    @Parameters(paramLabel = "ID", description = "The carry's id.")
    String id;

    @Override
    public Integer call() {
      return parent.call("POST", path(id, "/confirm"), null, CarryCommand::status);
    }
  }

  /** {@code carry close ID}. */
  @Command(
      name = "close",
      mixinStandardHelpOptions = true,
      description = "Asks to close both legs of the carry held; confirm sends it.")
  static final class Close implements Callable<Integer> {
    @ParentCommand CarryCommand parent;

    @Parameters(paramLabel = "ID", description = "The carry's id.")
    String id;

    @Override
    public Integer call() {
      return parent.call("POST", path(id, "/close"), null, pending(id));
    }
  }

  private static Printer pending(String id) {
    return (out, d) -> {
      status(out, d);
      out.println("Nothing is sent yet: confirm with ./perpetua carry confirm " + id);
    };
  }

  /** {@code carry report ID [--period P] [--mode M]}. */
  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description = "Prints a carry's report per period: funding, fees, PnL per leg, events.")
  static final class Report implements Callable<Integer> {
    @ParentCommand CarryCommand parent;

    @Parameters(paramLabel = "ID", description = "The carry's id.")
    String id;

    @Option(
        names = "--period",
        defaultValue = "day",
        paramLabel = "P",
        description = "8h, day, week or month (default: day).")
    String period;

    @Option(
        names = "--mode",
        paramLabel = "M",
        description = "dry_run or real (default: the carry's mode now).")
    String mode;

    @Override
    public Integer call() {
      String query =
          "/report?period="
              + URLEncoder.encode(period, StandardCharsets.UTF_8)
              + (mode == null ? "" : "&mode=" + URLEncoder.encode(mode, StandardCharsets.UTF_8));
      return parent.call("GET", path(id, query), null, Report::print);
    }

    private static void print(PrintWriter out, JsonNode d) {
      out.println("Carry report per " + d.path("period").asText() + ", " + d.path("mode").asText());
      out.printf(
          "%-20s %12s %10s %12s %12s %12s %9s  %s%n",
          "PERIOD START", "FUNDING", "FEES", "SPOT PNL", "PERP PNL", "TOTAL", "MAX DEV", "EVENTS");
      for (JsonNode r : d.path("items")) {
        StringBuilder events = new StringBuilder();
        r.path("events")
            .forEach(
                e ->
                    events
                        .append(events.isEmpty() ? "" : " ")
                        .append(e.path("kind").asText())
                        .append('×')
                        .append(e.path("count").asInt()));
        out.printf(
            "%-20s %12s %10s %12s %12s %12s %9.4f  %s%n",
            Times.iso(r.path("start_ms").asLong()),
            r.path("funding_income").asText(),
            r.path("fees").asText(),
            r.path("spot_pnl").asText(),
            r.path("perp_pnl").asText(),
            r.path("total").asText(),
            r.path("max_hedge_deviation").asDouble(),
            events);
      }
      if (d.path("items").isEmpty()) {
        out.println("(no records)");
      }
    }
  }
}
