package io.perpetua.app.cli;

import io.perpetua.app.BacktestSupport;
import io.perpetua.app.MarketLoader;
import io.perpetua.app.SparkTrials;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.backtest.BacktestDays;
import io.perpetua.backtest.engine.BacktestEngine;
import io.perpetua.backtest.engine.CatalogMarketSource;
import io.perpetua.core.Timeframe;
import io.perpetua.core.time.Times;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.FundingCatalog;
import io.perpetua.optimizer.CachingMarketSource;
import io.perpetua.optimizer.Optimization;
import io.perpetua.optimizer.SearchSettings;
import io.perpetua.optimizer.SearchSpaces;
import io.perpetua.optimizer.job.OptimizationPlan;
import io.perpetua.optimizer.job.OptimizationRequest;
import io.perpetua.optimizer.report.OptimizationReport;
import io.perpetua.optimizer.report.ReportData;
import io.perpetua.optimizer.wfo.WalkForwardSettings;
import io.perpetua.signals.feature.SharedFeatures;
import io.perpetua.signals.strategy.space.ParamSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code perpetua optimize}: a walk-forward parameter search over the backtester, with a report.
 */
@Command(
    name = "optimize",
    mixinStandardHelpOptions = true,
    description = {
      "Walk-forward optimisation of a strategy's declared parameters on the catalog.",
      "Per fold the search sees the training window only; the choice runs unseen on the next"
          + " window. Writes report.html, result.json, trials.csv, folds.csv and oos_equity.csv."
    },
    footer = {
      "",
      "Examples:",
      "  ./perpetua optimize --strategy baseline_rev --algorithm tpe \\",
      "      --trials 200 --objective calmar --seed 7 \\",
      "      --wfo train=180d,validate=30d,step=30d",
      "  ./perpetua optimize --strategy baseline_rev --param long_n=5:50:5 \\",
      "      --param short_n=5:50:5 --algorithm grid --trials 100"
    })
public final class OptimizeCommand implements Callable<Integer> {
  @Option(names = "--strategy", description = "Strategy id (default: active_strategy).")
  String strategy;

  @Option(names = "--space", description = "JSON file: {\"name\": \"lo:hi[:step]\" | \"a|b\"}.")
  Path space;

  @Option(
      names = "--param",
      description = "Searched range name=lo:hi[:step] or name=a|b|c (repeatable).")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(
      names = "--algorithm",
      defaultValue = "tpe",
      description = "grid, random, lhs, tpe, cmaes, ga, nsga2 (default ${DEFAULT-VALUE}).")
  String algorithm;

  @Option(
      names = "--trials",
      defaultValue = "100",
      description = "Trials per fold (default ${DEFAULT-VALUE}).")
  int trials;

  @Option(
      names = "--max-trials",
      defaultValue = "5000",
      description = "Upper limit for --trials + --refine (default ${DEFAULT-VALUE}).")
  int maxTrials;

  @Option(
      names = "--refine",
      defaultValue = "0",
      description = "Nelder-Mead trials refining the best points (default ${DEFAULT-VALUE}).")
  int refine;

  @Option(
      names = "--objective",
      defaultValue = "calmar",
      description =
          "calmar, sharpe, sortino, cagr, max_dd, turnover, 'sharpe - A*turnover - B*max_dd'; comma-separated for nsga2 (default ${DEFAULT-VALUE}).")
  String objective;

  @Option(
      names = "--wfo",
      defaultValue = "train=180d,validate=30d,step=30d",
      description =
          "Walk-forward windows, days (default ${DEFAULT-VALUE}); add ',anchored' to grow the training window.")
  String wfo;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--engine",
      defaultValue = "local",
      description =
          "local (in-process) or spark (trials as Spark tasks; master from spark.master, default"
              + " local[*]) (default ${DEFAULT-VALUE}).")
  String engine;

  @Option(
      names = "--spark-master",
      description = "Spark master of --engine spark (default: jobs.spark_master, local[*]).")
  String sparkMaster;

  @Option(
      names = "--workers",
      defaultValue = "1",
      description = "Threads running trials (default ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--max-leverage", description = "Reject trials above this gross leverage.")
  Double maxLeverage;

  @Option(names = "--min-trades", description = "Reject trials with fewer closed trades.")
  Integer minTrades;

  @Option(names = "--max-turnover", description = "Reject trials with a higher average turnover.")
  Double maxTurnover;

  @Option(
      names = "--max-drawdown",
      description = "Reject trials with a deeper drawdown (fraction).")
  Double maxDrawdown;

  @Option(
      names = "--timeframe",
      defaultValue = "1h",
      description = "Bar timeframe (default ${DEFAULT-VALUE}).")
  String timeframe;

  @Option(names = "--start", description = "First day YYYY-MM-DD (default: first day of the data).")
  String start;

  @Option(names = "--end", description = "Last day, included (default: end of the data).")
  String end;

  @Option(
      names = "--out",
      description = "Report directory (default: var/optimizations/<strategy>-<time>).")
  Path out;

  @Mixin RunCostOptions run;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PerpetuaConfig config = Home.config(null);
    Path dir = run.dataDir(config);
    Files.createDirectories(dir);
    String name = strategy != null ? strategy : config.activeStrategy();
    var templates = BacktestSupport.templates(config);
    Parsed in = parse(templates.space(name));
    ParamSpace searched = in.space();
    SearchSettings settings = in.settings();
    WalkForwardSettings windows = in.windows();
    Timeframe tf = Timeframe.parse(timeframe);
    MarketLoader.importUntilComplete(
        dir, Home.resolve(config.data().sharedData()), tf, new ProgressBar(System.err, "import"));
    BarCatalog catalog = new BarCatalog(dir.resolve("catalog"));
    Instant[] range = range(catalog, tf);
    BacktestRequest base =
        new BacktestRequest(
            name,
            Map.of(),
            run.symbols,
            timeframe,
            "kline",
            range[0],
            range[1],
            run.capital,
            1,
            run.feeBps,
            run.makerFeeBps,
            run.slippageBps,
            0,
            null,
            365);
    try {
      windows.windows(range[0].toEpochMilli(), range[1].toEpochMilli());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    BacktestEngine engine = engine(templates, catalog, dir);
    int folds = windows.windows(range[0].toEpochMilli(), range[1].toEpochMilli()).size();
    OptimizeProgress progress = new OptimizeProgress(folds * (trials + refine));
    ExecutorService pool = pool(config, engine);
    OptimizationReport report;
    try {
      report =
          Optimization.run(
              searched, engine, base, settings, windows, pool, () -> false, progress::onTrial);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    Path target = out != null ? out : dir.resolve("optimizations").resolve(stamp(name));
    ReportData.writeAll(report, target);
    OptimizeProgress.summary(report, System.out);
    System.out.println("report: " + target.resolve("report.html"));
    return 0;
  }

  /** Where batches of trials run: Spark tasks, the optimiser's worker threads, or none. */
  private ExecutorService pool(PerpetuaConfig config, BacktestEngine backtests) {
    if ("spark".equals(engine)) {
      return new SparkTrials(
          sparkMaster != null ? sparkMaster : config.jobs().sparkMaster(), backtests);
    }
    return workers > 1 ? Executors.newFixedThreadPool(workers, OptimizeProgress.threads()) : null;
  }

  private static String stamp(String name) {
    return name + "-" + Times.iso(System.currentTimeMillis()).replace(":", "");
  }

  private record Parsed(ParamSpace space, SearchSettings settings, WalkForwardSettings windows) {}

  /**
   * Every option checked before any data is touched, by the same {@link OptimizationPlan} as the
   * API: bad input ends with exit 2.
   */
  private Parsed parse(ParamSpace declared) throws java.io.IOException {
    try {
      Map<String, String> ranges = new LinkedHashMap<>();
      if (space != null) {
        ranges.putAll(SearchSpaces.read(space));
      }
      ranges.putAll(params);
      if (workers < 1 || workers > 64) {
        throw new IllegalArgumentException("workers: must be within 1..64, was " + workers);
      }
      OptimizationPlan plan =
          OptimizationPlan.of(
              declared,
              new OptimizationRequest(
                  strategy,
                  "manual",
                  wfo,
                  objective,
                  algorithm,
                  ranges,
                  trials,
                  seed,
                  engine,
                  refine,
                  run.symbols,
                  null,
                  null,
                  maxLeverage,
                  minTrades,
                  maxTurnover,
                  maxDrawdown),
              maxTrials);
      return new Parsed(plan.space(), plan.settings(), plan.windows());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static BacktestEngine engine(
      io.perpetua.backtest.engine.StrategyTemplates templates, BarCatalog catalog, Path dir) {
    return new BacktestEngine(
        templates,
        new CachingMarketSource(
            new CatalogMarketSource(
                catalog,
                new FundingCatalog(dir.resolve("catalog")),
                MarketLoader.FUNDING_VENUE,
                true),
            4),
        BacktestEngine.Options.defaults(),
        new SharedFeatures());
  }

  private Instant[] range(BarCatalog catalog, Timeframe tf) throws java.io.IOException {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (var e : catalog.list()) {
      if (e.timeframe() == tf) {
        first = Math.min(first, e.firstOpenTimeMs());
        last = Math.max(last, e.lastOpenTimeMs() + tf.millis());
      }
    }
    if (last == Long.MIN_VALUE) {
      throw new ParameterException(
          spec.commandLine(), "--timeframe: no " + tf.code() + " data in the catalog");
    }
    Instant s =
        start != null ? BacktestDays.start(day(start, "--start")) : Instant.ofEpochMilli(first);
    Instant e = end != null ? BacktestDays.end(day(end, "--end")) : Instant.ofEpochMilli(last);
    if (!e.isAfter(s)) {
      throw new ParameterException(spec.commandLine(), "--end: must be on or after --start");
    }
    return new Instant[] {s, e};
  }

  private LocalDate day(String value, String option) {
    try {
      return LocalDate.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(), option + ": expected a date YYYY-MM-DD, was '" + value + "'");
    }
  }
}
