package io.perpetua.app;

import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.backtest.engine.BacktestEngine;
import io.perpetua.backtest.engine.CatalogMarketSource;
import io.perpetua.backtest.engine.StrategyTemplates;
import io.perpetua.backtest.job.JobService;
import io.perpetua.backtest.job.JobValidator;
import io.perpetua.core.Timeframe;
import io.perpetua.core.time.Clock;
import io.perpetua.jobs.JobIds;
import io.perpetua.jobs.JobStore;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.FundingCatalog;
import io.perpetua.optimizer.CachingMarketSource;
import io.perpetua.optimizer.job.OptimizerJobRunner;
import io.perpetua.optimizer.job.OptimizerRuns;
import io.perpetua.optimizer.job.RunProgress;
import io.perpetua.signals.feature.SharedFeatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Optimisation runs as jobs (issue 16): a second {@link JobService} on the same job table, in its
 * own queue ({@code opt_} ids), on {@code jobs.optimizer_workers} minimum-priority threads named
 * {@code optimizer-worker-N} — never the kernel thread nor the backtest workers. Trials run on that
 * worker ({@code engine: local}) or as Spark tasks ({@code engine: spark}, {@link SparkTrials}).
 * Reports go to {@code <data dir>/optimizations/<run id>/}.
 */
public final class OptimizerJobs {
  private OptimizerJobs() {}

  /** The optimisation runs over {@code store} (not started). */
  public static OptimizerRuns create(
      PerpetuaConfig config, Path dataDir, JobStore store, JobValidator validator) {
    if (!JobIds.OPTIMIZER_PREFIX.equals(store.idPrefix())) {
      throw new IllegalArgumentException("the optimizer queue is " + JobIds.OPTIMIZER_PREFIX);
    }
    StrategyTemplates templates = BacktestSupport.templates(config);
    Path catalog = dataDir.resolve("catalog");
    BacktestEngine engine =
        new BacktestEngine(
            templates,
            new CachingMarketSource(
                new CatalogMarketSource(
                        new BarCatalog(catalog),
                        new FundingCatalog(catalog),
                        MarketLoader.FUNDING_VENUE,
                        true)
                    .withSpotBars(
                        config.data().spotBars() == null ? Map.of() : config.data().spotBars()),
                4),
            BacktestEngine.Options.defaults()
                .withRisk(ConfigLoader.riskConfig(config), config.paper().initialCapital()),
            new SharedFeatures());
    Path reports = dataDir.resolve("optimizations");
    RunProgress live = new RunProgress();
    PerpetuaConfig.Jobs jobs = config.jobs();
    OptimizerJobRunner runner =
        new OptimizerJobRunner(
            templates::space,
            engine,
            reports,
            jobs.optimizerMaxTrials(),
            name -> "spark".equals(name) ? new SparkTrials(jobs.sparkMaster(), engine) : null,
            live);
    JobService service =
        new JobService(
            store,
            runner,
            validator,
            Clock.system(),
            ConfigLoader.optimizerJobService(jobs),
            "optimizer-",
            Thread.MIN_PRIORITY);
    return new OptimizerRuns(
        service,
        templates::space,
        tf -> range(catalog, tf),
        new OptimizerRuns.Defaults(
            config.data().timeframe(),
            config.paper().initialCapital(),
            config.venue().takerFeeBps(),
            config.venue().makerFeeBps(),
            config.venue().slippageBps(),
            jobs.optimizerMaxTrials()),
        live,
        reports);
  }

  /** {@code [first open, last open + bar)} of the catalog's {@code timeframe} bars, or null. */
  static Instant[] range(Path catalog, String timeframe) {
    Timeframe tf = Timeframe.parse(timeframe);
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    try {
      for (var e : new BarCatalog(catalog).list()) {
        if (e.timeframe() == tf) {
          first = Math.min(first, e.firstOpenTimeMs());
          last = Math.max(last, e.lastOpenTimeMs() + tf.millis());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return last == Long.MIN_VALUE
        ? null
        : new Instant[] {Instant.ofEpochMilli(first), Instant.ofEpochMilli(last)};
  }
}
