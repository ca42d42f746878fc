package io.perpetua.app.cli;

import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.backtest.funding.FundingReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code perpetua funding ...}: funding-rate research ({@code funding report}). */
@Command(
    name = "funding",
    mixinStandardHelpOptions = true,
    description = "Funding-rate research and the funding carry (docs/funding-carry.md).",
    subcommands = {FundingCommand.Report.class})
public final class FundingCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code perpetua funding report}: yields, spreads and the carry backtest, table + HTML. */
  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description = {
        "Annualised funding yield per venue and year (mean 8 h rate x 3 x 365, hourly venues"
            + " normalised), share of negative settlements, cross-venue spreads and the carry"
            + " backtest; prints the tables and writes funding-report.html (self-contained).",
      },
      footer = {
        "",
        "Examples:",
        "  ./perpetua funding report",
        "  ./perpetua funding report --symbols BTC --param entry_annualised=0.15"
      })
  public static final class Report implements Callable<Integer> {
    @Option(
        names = "--funding-dir",
        description = "Funding-history files (default: <data.shared_data>/funding).")
    Path fundingDir;

    @Option(names = "--symbols", split = ",", description = "Assets, e.g. BTC,ETH (default: all).")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--start", description = "First day, YYYY-MM-DD (default: all).")
    String start;

    @Option(names = "--end", description = "Last day, included, YYYY-MM-DD (default: all).")
    String end;

    @Option(
        names = {"-p", "--param"},
        description =
            "Carry rule key=value (repeatable): entry_annualised, exit_annualised,"
                + " lookback_hours, spot_fee_bps, perp_fee_bps, slippage_bps,"
                + " capital_per_notional, venues.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--out", description = "Report directory (default: var/funding).")
    Path out;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PerpetuaConfig config = Home.config(null);
      CommandLine cl = spec.commandLine();
      Path dir =
          fundingDir != null
              ? fundingDir
              : Home.resolve(config.data().sharedData()).resolve("funding");
      var rules = FundingCarryOptions.rules(cl, params);
      var histories =
          FundingCarryOptions.histories(cl, dir, symbols, params.get("venues"), start, end);
      FundingReport report = FundingReport.of(histories, rules);
      Path target = out != null ? out : Home.resolve(config.data().dir()).resolve("funding");
      Path html = FundingCarryOptions.writeHtml(report, target);
      cl.getOut().print(report.text());
      cl.getOut().println("report: " + html);
      cl.getOut().flush();
      return 0;
    }
  }
}
