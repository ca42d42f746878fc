package io.perpetua.optimizer;

import io.perpetua.backtest.BacktestRunner;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.optimizer.report.OptimizationReport;
import io.perpetua.optimizer.wfo.Fold;
import io.perpetua.optimizer.wfo.WalkForward;
import io.perpetua.optimizer.wfo.WalkForwardResult;
import io.perpetua.optimizer.wfo.WalkForwardSettings;
import io.perpetua.signals.strategy.space.ParamSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * One optimisation end to end: walk-forward, then each fold's overfitting statistics and the
 * parameter-jitter sensitivity of the parameters traded now.
 */
public final class Optimization {
  private Optimization() {}

  /** Runs it; {@code pool} (may be null) runs batches of trials, apart from live trading. */
  public static OptimizationReport run(
      ParamSpace space,
      BacktestRunner engine,
      BacktestRequest base,
      SearchSettings settings,
      WalkForwardSettings wfo,
      ExecutorService pool,
      BooleanSupplier cancelled,
      BiConsumer<Integer, Trial> listener) {
    long started = System.nanoTime();
    WalkForwardResult result =
        WalkForward.run(space, engine, base, settings, wfo, pool, cancelled, listener);
    List<OverfitStatistics> stats = new ArrayList<>();
    for (Fold f : result.folds()) {
      stats.add(OverfitStatistics.of(f.search(), space, settings.seed() + f.index()));
    }
    Sensitivity jitter =
        Sensitivity.ofLastChoice(
            space, engine, base, settings, result, Sensitivity.DEFAULT_DELTA, cancelled);
    return new OptimizationReport(
        base, settings, wfo, result, stats, (System.nanoTime() - started) / 1_000_000, jitter);
  }
}
