package io.perpetua.app.cli;

import io.perpetua.app.BacktestSupport;
import io.perpetua.app.MarketLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.backtest.engine.BacktestEngine;
import io.perpetua.backtest.engine.CatalogMarketSource;
import io.perpetua.backtest.engine.MarketSource;
import io.perpetua.core.Timeframe;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.FundingCatalog;
import io.perpetua.optimizer.CachingMarketSource;
import io.perpetua.optimizer.Constraints;
import io.perpetua.optimizer.Objective;
import io.perpetua.optimizer.Search;
import io.perpetua.optimizer.SearchRun;
import io.perpetua.optimizer.SearchSettings;
import io.perpetua.optimizer.SearchSpaces;
import io.perpetua.optimizer.Trial;
import io.perpetua.signals.feature.SharedFeatures;
import io.perpetua.signals.strategy.space.ParamSpace;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench sweep}: a grid of trials of one strategy over the last {@code --days} of the catalog
 * through the optimiser's own path ({@link Search} over a {@link BacktestEngine}), side by side in
 * one process: features computed by every trial, features shared between trials, and the shared
 * path on each {@code --workers} count. Prints trials/s and symbol-bar-trials/s (symbol-bars of the
 * measured window × trials / wall time) with the load average, and checks that every variant gave
 * bit-identical trials.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description =
        "Trials/s of a parameter grid: per-trial vs shared features, 1..N worker threads"
            + " (docs/benchmarks.md).")
final class SweepBench implements Callable<Integer> {
  @Option(names = "--data-dir", description = "Data directory (default: the configured one).")
  Path dataDir;

  @Option(
      names = "--strategy",
      description = "Strategy id (default: the active strategy, baseline_rev).")
  String strategy;

  @Option(
      names = "--trials",
      defaultValue = "1000",
      description = "Grid trials per variant (default ${DEFAULT-VALUE}).")
  int trials;

  @Option(
      names = "--days",
      defaultValue = "180",
      description = "Measured window: the last N days of the data (default ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--param",
      split = ",",
      defaultValue = "long_n=5:50:5,short_n=5:50:5,rebalance_days=1:10",
      description = "The grid (default ${DEFAULT-VALUE}: 10 x 10 x 10).")
  List<String> grid;

  @Option(
      names = "--workers",
      split = ",",
      defaultValue = "1,2",
      description = "Worker threads of the shared variant (default ${DEFAULT-VALUE}).")
  List<Integer> workers;

  @Option(
      names = "--warmup",
      defaultValue = "60",
      description = "Trials run first, not timed (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--rounds",
      defaultValue = "1",
      description =
          "Rounds of all variants, in alternating order; medians are printed (default ${DEFAULT-VALUE}).")
  int rounds;

  @Override
  public Integer call() throws Exception {
    if (trials < 1 || days < 1 || rounds < 1 || workers.stream().anyMatch(w -> w < 1 || w > 64)) {
      throw new IllegalArgumentException(
          "trials, days and rounds must be >= 1 and workers within 1..64");
    }
    PerpetuaConfig config = Home.config(null);
    Path dir = dataDir != null ? dataDir.toAbsolutePath() : Home.resolve(config.data().dir());
    Files.createDirectories(dir);
    Timeframe tf = Timeframe.parse(config.data().timeframe());
    MarketLoader.importUntilComplete(
        dir, Home.resolve(config.data().sharedData()), tf, new ProgressBar(System.err, "import"));
    String name = strategy != null ? strategy : config.activeStrategy();
    var templates = BacktestSupport.templates(config);
    Map<String, String> ranges = new LinkedHashMap<>();
    for (String g : grid) {
      String[] kv = g.split("=", 2);
      ranges.put(kv[0].trim(), kv.length > 1 ? kv[1].trim() : "");
    }
    ParamSpace space = SearchSpaces.of(templates.space(name), ranges);
    MarketSource catalog =
        new CatalogMarketSource(
            new BarCatalog(dir.resolve("catalog")),
            new FundingCatalog(dir.resolve("catalog")),
            MarketLoader.FUNDING_VENUE,
            true);
    BacktestRequest window = window(name, dir, tf);
    long symbolBars = symbolBars(catalog, window);
    System.out.printf(
        "sweep: %s, %s -> %s, %,d symbol-bars per trial, grid %s, %d cores%n",
        name, window.start(), window.end(), symbolBars, ranges, cores());
    Variant warm = new Variant("warm-up", false, 1);
    warm.run(templates, catalog, space, window, Math.min(warmup, trials), symbolBars);
    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant("per-trial features", false, 1));
    for (int w : workers) {
      variants.add(new Variant("shared features", true, w));
    }
    List<SearchRun> runs = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      // alternate the order: no variant always runs first (least compiled) or last
      for (int k = 0; k < variants.size(); k++) {
        int v = round % 2 == 0 ? k : variants.size() - 1 - k;
        runs.add(variants.get(v).run(templates, catalog, space, window, trials, symbolBars));
      }
    }
    summary(variants, symbolBars);
    boolean same = true;
    for (int v = 1; v < runs.size(); v++) {
      same &= identical(runs.get(0), runs.get(v));
    }
    System.out.println("trials bit-identical across variants: " + (same ? "yes" : "NO"));
    return same ? 0 : 1;
  }

  private static void summary(List<Variant> variants, long symbolBars) {
    System.out.println("medians of " + variants.get(0).rates.size() + " round(s):");
    for (Variant v : variants) {
      System.out.printf(
          "  %-19s %2d worker(s): %7.2f trials/s, %8.2f M symbol-bar-trials/s%n",
          v.label, v.workers, v.median(), v.median() * symbolBars / 1e6);
    }
    System.out.printf(
        "shared / per-trial features (1 worker): %.2fx%n",
        variants.size() > 1 ? variants.get(1).median() / variants.get(0).median() : Double.NaN);
    for (int v = 2; v < variants.size(); v++) {
      System.out.printf(
          "%d workers / %d worker (shared): %.2fx%n",
          variants.get(v).workers,
          variants.get(1).workers,
          variants.get(v).median() / variants.get(1).median());
    }
  }

  private BacktestRequest window(String name, Path dir, Timeframe tf) throws java.io.IOException {
    long last = Long.MIN_VALUE;
    for (var e : new BarCatalog(dir.resolve("catalog")).list()) {
      if (e.timeframe() == tf) {
        last = Math.max(last, e.lastOpenTimeMs() + tf.millis());
      }
    }
    long end = Math.floorDiv(last, 86_400_000L) * 86_400_000L;
    Instant endAt = Instant.ofEpochMilli(end);
    return new BacktestRequest(
        name,
        Map.of(),
        List.of(),
        tf.code(),
        "kline",
        endAt.minusSeconds(days * 86_400L),
        endAt,
        10_000,
        1,
        5,
        2,
        2,
        0,
        null,
        365);
  }

  /** Symbol-bars closing inside the measured window (the bars the kernel steps through). */
  private static long symbolBars(MarketSource source, BacktestRequest w) {
    long from = w.start().toEpochMilli();
    long to = w.end().toEpochMilli();
    var data = source.load(w.timeframe(), w.dataSource(), w.symbols(), from, to);
    var panel = data.panel();
    long count = 0;
    for (int t = 0; t < panel.size(); t++) {
      long close = panel.closeTime(t);
      if (close > from && close <= to) {
        for (int i = 0; i < data.instruments().size(); i++) {
          count += panel.close(t, i) > 0 ? 1 : 0;
        }
      }
    }
    return count;
  }

  private static boolean identical(SearchRun a, SearchRun b) {
    if (a.trials().size() != b.trials().size()) {
      return false;
    }
    for (int i = 0; i < a.trials().size(); i++) {
      Trial x = a.trials().get(i);
      Trial y = b.trials().get(i);
      if (!x.params().equals(y.params())
          || !sameBits(x.scores(), y.scores())
          || !sameBits(x.returns(), y.returns())) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameBits(double[] a, double[] b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
        return false;
      }
    }
    return true;
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** One way of running the grid. */
  private static final class Variant {
    private final String label;
    private final boolean shared;
    private final int workers;
    private final List<Double> rates = new ArrayList<>();

    Variant(String label, boolean shared, int workers) {
      this.label = label;
      this.shared = shared;
      this.workers = workers;
    }

    SearchRun run(
        io.perpetua.backtest.engine.StrategyTemplates templates,
        MarketSource catalog,
        ParamSpace space,
        BacktestRequest window,
        int trials,
        long symbolBars) {
      BacktestEngine engine =
          new BacktestEngine(
              templates,
              new CachingMarketSource(catalog, 4),
              BacktestEngine.Options.defaults(),
              shared ? new SharedFeatures() : null);
      SearchSettings settings =
          new SearchSettings(
              "grid", trials, 1, Objective.parseList("sharpe"), Constraints.none(), 0);
      ExecutorService pool =
          workers > 1 ? Executors.newFixedThreadPool(workers, OptimizeProgress.threads()) : null;
      double loadBefore = load();
      long start = System.nanoTime();
      SearchRun run;
      try {
        run = Search.run(space, engine, window, settings, pool, () -> false, t -> {});
      } finally {
        if (pool != null) {
          pool.shutdownNow();
        }
      }
      double s = (System.nanoTime() - start) / 1e9;
      double trialsPerSecond = run.trials().size() / s;
      rates.add(trialsPerSecond);
      System.out.printf(
          "%-19s %2d worker(s): %5d trials in %7.1f s = %7.2f trials/s, %8.2f M"
              + " symbol-bar-trials/s (load average %.2f -> %.2f)%n",
          label,
          workers,
          run.trials().size(),
          s,
          trialsPerSecond,
          trialsPerSecond * symbolBars / 1e6,
          loadBefore,
          load());
      return run;
    }

    double median() {
      List<Double> sorted = rates.stream().sorted().toList();
      int m = sorted.size() / 2;
      return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }
  }
}
