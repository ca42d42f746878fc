package io.perpetua.optimizer.job;

import io.perpetua.analytics.metrics.MetricsCalculator;
import io.perpetua.backtest.BacktestCancelledException;
import io.perpetua.backtest.BacktestRunner;
import io.perpetua.backtest.job.JobRunner;
import io.perpetua.jobs.BacktestJob;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.EquityCurve;
import io.perpetua.jobs.JobOutput;
import io.perpetua.jobs.Metrics;
import io.perpetua.jobs.RunActivity;
import io.perpetua.optimizer.Optimization;
import io.perpetua.optimizer.report.OptimizationReport;
import io.perpetua.optimizer.report.ReportData;
import io.perpetua.signals.strategy.space.ParamSpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

/**
 * Runs one optimisation job of the job service: reads the stored {@link OptimizationRequest} (the
 * job's config JSON; the job's {@link BacktestRequest} is the base: strategy, symbols, range,
 * costs), runs the walk-forward {@link Optimization} on the calling worker thread (or on the
 * engine's pool), writes {@code report.html}, {@code result.json}, {@code trials.csv}, {@code
 * folds.csv} and {@code oos_equity.csv} to {@code <reports>/<job id>/}, and records the stitched
 * out-of-sample curve and its metrics as the job's result. Thread-safe.
 */
public final class OptimizerJobRunner implements JobRunner {
  /** The engine running batches of trials for a plan: null runs them on the job's thread. */
  @FunctionalInterface
  public interface Engines {
    /** The pool for {@code engine} ({@code local} or {@code spark}), or null. */
    ExecutorService pool(String engine);
  }

  private final Function<String, ParamSpace> declared;
  private final BacktestRunner engine;
  private final Path reports;
  private final int maxTrials;
  private final Engines engines;
  private final RunProgress live;

  /**
   * A runner.
   *
   * @param declared the declared space of a strategy id
   * @param engine runs each trial's backtest (the trading kernel)
   * @param reports directory holding one report directory per run
   * @param maxTrials configured maximum of trials + refine
   * @param engines where batches of trials run
   * @param live where progress goes
   */
  public OptimizerJobRunner(
      Function<String, ParamSpace> declared,
      BacktestRunner engine,
      Path reports,
      int maxTrials,
      Engines engines,
      RunProgress live) {
    this.declared = Objects.requireNonNull(declared, "declared");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.reports = Objects.requireNonNull(reports, "reports");
    this.maxTrials = maxTrials;
    this.engines = Objects.requireNonNull(engines, "engines");
    this.live = Objects.requireNonNull(live, "live");
  }

  /** The directory of run {@code id}'s report files. */
  public static Path reportDir(Path reports, String id) {
    return reports.resolve(id);
  }

  @Override
  public Outcome run(BacktestJob job, DoubleConsumer progress, BooleanSupplier cancelled) {
    if (job.config() == null) {
      throw new IllegalArgumentException("optimisation job " + job.id() + " has no request");
    }
    OptimizationRequest r = OptimizationRequest.fromJson(job.config());
    OptimizationPlan plan = OptimizationPlan.of(declared.apply(r.strategyId()), r, maxTrials);
    BacktestRequest base = job.request();
    String id = job.id();
    live.start(id, plan.totalTrials(plan.folds(base.start(), base.end())));
    ExecutorService pool = null;
    try {
      pool = engines.pool(plan.engine());
      OptimizationReport report =
          Optimization.run(
              plan.space(),
              engine,
              base,
              plan.settings(),
              plan.windows(),
              pool,
              cancelled,
              (fold, trial) -> progress.accept(live.trial(id, fold, trial)));
      if (cancelled.getAsBoolean()) {
        throw new BacktestCancelledException("optimisation " + id + " cancelled");
      }
      ReportData.writeAll(report, reportDir(reports, id));
      EquityCurve oos = report.result().outOfSample();
      if (oos.size() < 2) {
        throw new IllegalArgumentException(
            "no fold chose parameters (every trial was rejected): no out-of-sample result");
      }
      Metrics metrics =
          MetricsCalculator.compute(oos, List.of(), new double[0], base.periodsPerYear());
      return new Outcome(metrics, RunActivity.none(), new JobOutput(oos, List.of()));
    } catch (IOException e) {
      throw new UncheckedIOException("writing the optimisation report of " + id, e);
    } finally {
      live.end(id);
      if (pool != null) {
        pool.shutdown();
      }
    }
  }
}
