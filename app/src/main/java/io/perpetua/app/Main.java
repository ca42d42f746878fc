package io.perpetua.app;

import io.perpetua.app.cli.AdminCommand;
import io.perpetua.app.cli.ApiKeyCommand;
import io.perpetua.app.cli.AuditCommand;
import io.perpetua.app.cli.BacktestCommand;
import io.perpetua.app.cli.BenchCommand;
import io.perpetua.app.cli.CarryCommand;
import io.perpetua.app.cli.DataCommand;
import io.perpetua.app.cli.FlowCommand;
import io.perpetua.app.cli.FundingCommand;
import io.perpetua.app.cli.HotlistCommand;
import io.perpetua.app.cli.MetricsCommand;
import io.perpetua.app.cli.OptimizeCommand;
import io.perpetua.app.cli.RunCommand;
import io.perpetua.app.cli.StatsCommand;
import io.perpetua.app.cli.StrategyCommand;
import io.perpetua.app.cli.VenueCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code perpetua} command line. Exit codes: 0 ok, 1 failure, 2 usage or config error. */
@Command(
    name = "perpetua",
    mixinStandardHelpOptions = true,
    version = "perpetua 0.1.0",
    description =
        "Automated trading of crypto perpetual futures: research, paper and live on one kernel.",
    footer = {
      "",
      "Launcher commands (./perpetua only): test (the whole suite), build, format,",
      "clean, jmh [JMH options], java-home. Every command has --help; see README.md."
    },
    subcommands = {
      RunCommand.class,
      DataCommand.class,
      BacktestCommand.class,
      OptimizeCommand.class,
      MetricsCommand.class,
      StatsCommand.class,
      BenchCommand.class,
      ApiKeyCommand.class,
      AdminCommand.class,
      AuditCommand.class,
      VenueCommand.class,
      FlowCommand.class,
      FundingCommand.class,
      CarryCommand.class,
      HotlistCommand.class,
      StrategyCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Entry point. */
  public static void main(String[] args) {
    int code = commandLine().execute(args);
    Runtime.getRuntime().exit(code);
  }

  /** The configured command line (used by tests). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          line.getErr().println("perpetua: " + ex.getMessage());
          return ex instanceof io.perpetua.app.config.ConfigException ? 2 : 1;
        });
    return cl;
  }
}
