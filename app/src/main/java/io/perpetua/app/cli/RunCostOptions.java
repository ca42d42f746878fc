package io.perpetua.app.cli;

import io.perpetua.app.config.PerpetuaConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options a backtest and an optimisation share: which symbols, the starting capital, the fee
 * and slippage assumptions and the data directory (a picocli mixin, so both commands spell and
 * document them alike).
 */
final class RunCostOptions {
  @Option(names = "--symbols", split = ",", description = "Venue symbols (default: all).")
  List<String> symbols = new ArrayList<>();

  @Option(
      names = "--capital",
      defaultValue = "10000",
      description = "USDT (default ${DEFAULT-VALUE}).")
  double capital;

  @Option(
      names = "--fee-bps",
      defaultValue = "5",
      description = "Taker fee bps (default ${DEFAULT-VALUE}).")
  double feeBps;

  @Option(
      names = "--maker-fee-bps",
      defaultValue = "2",
      description = "Maker fee bps (default ${DEFAULT-VALUE}).")
  double makerFeeBps;

  @Option(
      names = "--slippage-bps",
      defaultValue = "2",
      description = "Fixed slippage bps (default ${DEFAULT-VALUE}).")
  double slippageBps;

  @Option(names = "--data-dir", description = "Data directory (default: data.dir = var).")
  Path dataDir;

  /** The data directory: {@code --data-dir}, else the configured {@code data.dir}. */
  Path dataDir(PerpetuaConfig config) {
    return dataDir != null ? dataDir.toAbsolutePath() : Home.resolve(config.data().dir());
  }
}
