package io.perpetua.app.cli;

import io.perpetua.app.BacktestSupport;
import io.perpetua.app.MarketLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.backtest.BacktestDays;
import io.perpetua.backtest.report.DisclosuresHtml;
import io.perpetua.backtest.report.Halts;
import io.perpetua.backtest.report.ReportWriter;
import io.perpetua.core.Timeframe;
import io.perpetua.core.time.Times;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.BacktestResult;
import io.perpetua.jobs.Metrics;
import io.perpetua.jobs.RunActivity;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.BarResampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code perpetua backtest}: one backtest on the catalog, with a report. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description = {
      "Backtests a strategy on the catalog, with a report.",
      "It runs through the trading kernel (the same code as paper and live trading) and writes"
          + " report.html, result.json and CSVs to --out. --start and --end are days, both"
          + " included, like start_date and end_date of POST /api/v1/backtest/run."
    },
    // Examples are lines of their own, each shorter than the 80-column help (picocli would
    // otherwise wrap them mid-argument).
    footer = {
      "",
      "Examples:",
      "  ./perpetua backtest --strategy baseline_rev --start 2024-01-01 \\",
      "      --end 2024-12-31",
      "  ./perpetua backtest --strategy funding_carry --symbols BTC \\",
      "      --param entry_annualised=0.10 --param exit_annualised=0.03",
      "  ./perpetua backtest --strategy tpl_grid --symbols BTCUSDT \\",
      "      --param grid_levels=8 --param upper_price=72000 \\",
      "      --param lower_price=60000 --start 2024-03-01 --end 2024-05-31"
    })
public final class BacktestCommand implements Callable<Integer> {
  @Option(names = "--strategy", description = "Strategy or template id (default: active_strategy).")
  String strategy;

  @Option(
      names = {"-p", "--param"},
      description = "Parameter override key=value (repeatable).")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(
      names = "--timeframe",
      defaultValue = "1h",
      description =
          "Bar timeframe (default ${DEFAULT-VALUE}): one the catalog holds, or 4h/1d"
              + " resampled exactly from 1h (complete UTC buckets only).")
  String timeframe;

  @Option(
      names = "--data-source",
      defaultValue = "kline",
      description = "kline or dollar_bar (default ${DEFAULT-VALUE}).")
  String dataSource;

  @Option(
      names = "--start",
      description = "First day, YYYY-MM-DD (default: a year before the data ends).")
  String start;

  @Option(
      names = "--end",
      description = "Last day, included, YYYY-MM-DD (default: the end of the data).")
  String end;

  @Option(
      names = "--leverage",
      defaultValue = "1",
      description = "Gross leverage 1..125 (default ${DEFAULT-VALUE}).")
  double leverage;

  @Option(
      names = "--impact-lambda",
      defaultValue = "0",
      description = "Square-root impact: bps per sqrt(USDT) (default ${DEFAULT-VALUE}).")
  double impactLambda;

  @Option(names = "--rebalance-days", description = "Override the strategy's rebalance period.")
  Integer rebalanceDays;

  @Option(
      names = "--periods-per-year",
      defaultValue = "365",
      description = "Annualisation of daily returns (default ${DEFAULT-VALUE}).")
  int periodsPerYear;

  @Option(
      names = "--out",
      description = "Report directory (default: var/backtests/<strategy>-<time>).")
  Path out;

  @Option(
      names = "--funding-dir",
      description = "funding_carry only: funding histories (default: <data.shared_data>/funding).")
  Path fundingDir;

  @Mixin RunCostOptions run;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PerpetuaConfig config = Home.config(null);
    Path dir = run.dataDir(config);
    if (FundingCarryOptions.STRATEGY.equals(strategy)) {
      return fundingCarry(config, dir);
    }
    Files.createDirectories(dir);
    Timeframe tf = timeframe();
    BarCatalog catalog = new BarCatalog(dir.resolve("catalog"));
    Path shared = Home.resolve(config.data().sharedData());
    ProgressBar importing = new ProgressBar(System.err, "import");
    MarketLoader.importUntilComplete(dir, shared, tf, importing);
    if (catalog.timeframes().isEmpty()) { // e.g. 4h: import the platform's bars to resample
      MarketLoader.importUntilComplete(
          dir, shared, Timeframe.parse(config.data().timeframe()), importing);
    }
    Timeframe stored;
    try {
      stored = BarResampler.requireSource(tf, catalog.timeframes());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--timeframe: " + e.getMessage());
    }
    String name = strategy != null ? strategy : config.activeStrategy();
    Instant[] range = range(catalog, stored);
    BacktestRequest request =
        new BacktestRequest(
            name,
            parsed(params),
            run.symbols,
            timeframe,
            dataSource,
            range[0],
            range[1],
            run.capital,
            leverage,
            run.feeBps,
            run.makerFeeBps,
            run.slippageBps,
            impactLambda,
            rebalanceDays,
            periodsPerYear);
    ProgressBar bar = new ProgressBar(System.err, "backtest");
    BacktestResult result =
        BacktestSupport.engine(config, dir)
            .run(request, p -> bar.onProgress(Math.round(p * 1000), 1000, ""), () -> false);
    Path target =
        out != null
            ? out
            : dir.resolve("backtests")
                .resolve(name + "-" + Times.iso(System.currentTimeMillis()).replace(":", ""));
    var files = ReportWriter.writeAll(result, target, true);
    print(result);
    System.out.println("report: " + files.all().get(0).getParent().resolve("report.html"));
    return 0;
  }

  /**
   * {@code --strategy funding_carry}: the carry backtest on the funding histories (not on bars):
   * {@code --fee-bps} is the perp taker fee, {@code --slippage-bps} the slippage per leg.
   */
  private int fundingCarry(PerpetuaConfig config, Path dir) throws IOException {
    var cl = spec.commandLine();
    Map<String, String> p = new LinkedHashMap<>(params);
    p.putIfAbsent("perp_fee_bps", Double.toString(run.feeBps));
    p.putIfAbsent("slippage_bps", Double.toString(run.slippageBps));
    var rules = FundingCarryOptions.rules(cl, p);
    Path funding =
        fundingDir != null
            ? fundingDir
            : Home.resolve(config.data().sharedData()).resolve("funding");
    var report =
        io.perpetua.backtest.funding.FundingReport.of(
            FundingCarryOptions.histories(cl, funding, run.symbols, p.get("venues"), start, end),
            rules);
    Path target =
        out != null
            ? out
            : dir.resolve("backtests")
                .resolve(
                    FundingCarryOptions.STRATEGY
                        + "-"
                        + Times.iso(System.currentTimeMillis()).replace(":", ""));
    Path html = FundingCarryOptions.writeHtml(report, target);
    cl.getOut().print(report.carryTable());
    cl.getOut().println("Assumptions:");
    report.assumptions().forEach(a -> cl.getOut().println("- " + a));
    cl.getOut().println("report: " + html);
    cl.getOut().flush();
    return 0;
  }

  private Timeframe timeframe() {
    try {
      return Timeframe.parse(timeframe);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--timeframe: " + e.getMessage());
    }
  }

  /** [first instant, end instant (exclusive)]: the days given, both included, or the defaults. */
  private Instant[] range(BarCatalog catalog, Timeframe tf) throws IOException {
    long last = Long.MIN_VALUE;
    for (var e : catalog.list()) {
      if (e.timeframe() == tf) {
        last = Math.max(last, e.lastOpenTimeMs() + tf.millis());
      }
    }
    if (last == Long.MIN_VALUE && (start == null || end == null)) {
      throw new IllegalArgumentException(
          "no " + tf.code() + " data in the catalog: import some with ./perpetua data import");
    }
    Instant e = end != null ? BacktestDays.end(day(end, "--end")) : Instant.ofEpochMilli(last);
    Instant s =
        start != null ? BacktestDays.start(day(start, "--start")) : e.minusSeconds(365L * 86_400);
    if (!e.isAfter(s)) {
      throw new ParameterException(
          spec.commandLine(), "--end: must be on or after --start (" + start + "), was " + end);
    }
    return new Instant[] {s, e};
  }

  private LocalDate day(String value, String option) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(), option + ": expected a date YYYY-MM-DD, was '" + value + "'");
    }
  }

  /** key=value strings: integers, then numbers, else text (lists as a,b,c). */
  static Map<String, Object> parsed(Map<String, String> raw) {
    Map<String, Object> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(k, value(v)));
    return out;
  }

  private static Object value(String v) {
    if (v.contains(",")) {
      List<Object> list = new ArrayList<>();
      for (String part : v.split(",")) {
        list.add(value(part.trim()));
      }
      return list;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException notInt) {
      try {
        return Double.parseDouble(v);
      } catch (NumberFormatException notNumber) {
        return v;
      }
    }
  }

  private static void print(BacktestResult r) {
    Metrics m = r.metrics();
    var req = r.request();
    System.out.printf(
        "%s %s %s  %d orders, %d rebalances, %,d symbol-bars in %.1f s%n",
        req.strategy(),
        req.symbols().isEmpty() ? "all symbols" : String.join(",", req.symbols()),
        BacktestDays.describe(req.start(), req.end()),
        r.orders(),
        r.rebalances(),
        r.symbolBars(),
        r.elapsedMs() / 1000.0);
    printActivity(r.activity());
    printHalts(r);
    String[][] rows = {
      {"total_return", pct(m.totalReturn())},
      {"cagr", pct(m.cagr())},
      {"volatility", pct(m.volatility())},
      {"sharpe", num(m.sharpe())},
      {"sortino", num(m.sortino())},
      {"calmar", num(m.calmar())},
      {
        "max_drawdown",
        pct(m.maxDrawdown())
            + "  ("
            + Times.isoDate(m.maxDrawdownPeakMs())
            + " -> "
            + Times.isoDate(m.maxDrawdownTroughMs())
            + ")"
      },
      {"win_rate", pct(m.winRate())},
      {"profit_factor", num(m.profitFactor())},
      {"expected_value", num(m.expectedValue()) + " USDT"},
      {"total_trades", Integer.toString(m.totalTrades())},
      {"avg_trade_duration", num(m.avgTradeDurationSeconds() / 3600.0) + " h"},
      {"avg_turnover", num(m.avgTurnover())},
      {"fees", num(r.costs().fees()) + " USDT"},
      {"slippage", num(r.costs().slippage()) + " USDT"},
      {"funding", num(r.costs().funding()) + " USDT"},
      {"net_pnl", num(r.costs().netPnl()) + " USDT"},
    };
    for (String[] row : rows) {
      System.out.printf("  %-20s %s%n", row[0], row[1]);
    }
    DisclosuresHtml.lines(r).forEach(line -> System.out.println("  " + line));
  }

  /** Rejections by rule, skipped symbols, and why nothing traded when nothing did. */
  private static void printActivity(RunActivity a) {
    if (a.ordersRejected() > 0) {
      System.out.printf("  rejected: %d orders (%s)%n", a.ordersRejected(), a.rejectionSummary());
      for (RunActivity.Rejections rule : a.rejections()) {
        System.out.printf("    %s, first: %s%n", rule.rule(), rule.example());
      }
    }
    if (!a.skipped().isEmpty()) {
      System.out.printf("  skipped: %d symbols%n", a.skipped().size());
      for (RunActivity.SkippedSymbol s : a.skipped()) {
        System.out.printf("    %s: %s%n", s.symbol(), s.reason());
      }
    }
    a.idleReason().ifPresent(why -> System.out.println("  " + why.toUpperCase(Locale.ROOT)));
  }

  /** Every halt with its dates and the figures with and without halts. */
  private static void printHalts(BacktestResult r) {
    List<String> halts = Halts.lines(r.activity());
    if (halts.isEmpty()) {
      return;
    }
    System.out.println("  HALTED: the figures below are the halted book's");
    halts.forEach(line -> System.out.println("    " + line));
    Halts.comparison(r.metrics(), r.activity()).forEach(l -> System.out.println("    " + l));
  }

  private static String pct(double v) {
    return Double.isFinite(v) ? String.format("%.2f %%", v * 100) : "n/a";
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format("%.3f", v) : "n/a";
  }
}
