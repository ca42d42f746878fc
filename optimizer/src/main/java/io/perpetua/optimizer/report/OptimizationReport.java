package io.perpetua.optimizer.report;

import io.perpetua.jobs.BacktestRequest;
import io.perpetua.optimizer.OverfitStatistics;
import io.perpetua.optimizer.SearchSettings;
import io.perpetua.optimizer.Sensitivity;
import io.perpetua.optimizer.wfo.Fold;
import io.perpetua.optimizer.wfo.WalkForwardResult;
import io.perpetua.optimizer.wfo.WalkForwardSettings;
import java.util.List;
import java.util.Map;

/**
 * Everything an optimisation run reports: what was asked, the walk-forward result and the
 * overfitting statistics of each fold's search. Immutable.
 *
 * @param request the run's base request (strategy, range, costs, fixed parameters)
 * @param settings the search settings
 * @param wfo the walk-forward windows
 * @param result the folds and the out-of-sample curve
 * @param statistics the overfitting statistics per fold, in fold order
 * @param elapsedMs wall time of the run
 * @param sensitivity parameter-jitter sensitivity of {@link #bestParams()}, or null
 */
public record OptimizationReport(
    BacktestRequest request,
    SearchSettings settings,
    WalkForwardSettings wfo,
    WalkForwardResult result,
    List<OverfitStatistics> statistics,
    long elapsedMs,
    Sensitivity sensitivity) {
  /** A report without jitter sensitivity. */
  public OptimizationReport(
      BacktestRequest request,
      SearchSettings settings,
      WalkForwardSettings wfo,
      WalkForwardResult result,
      List<OverfitStatistics> statistics,
      long elapsedMs) {
    this(request, settings, wfo, result, statistics, elapsedMs, null);
  }

  /** Copies. */
  public OptimizationReport {
    statistics = List.copyOf(statistics);
  }

  /** The parameters to trade now: the last fold's choice (the most recent data), or null. */
  public Map<String, Object> bestParams() {
    List<Fold> folds = result.folds();
    for (int i = folds.size() - 1; i >= 0; i--) {
      if (folds.get(i).chosen() != null) {
        return folds.get(i).chosen();
      }
    }
    return null;
  }

  /** Index of the fold whose choice {@link #bestParams} is, or -1. */
  public int bestFold() {
    List<Fold> folds = result.folds();
    for (int i = folds.size() - 1; i >= 0; i--) {
      if (folds.get(i).chosen() != null) {
        return i;
      }
    }
    return -1;
  }

  /** Trials run in all folds' searches. */
  public int totalTrials() {
    return result.folds().stream().mapToInt(f -> f.search().trials().size()).sum();
  }

  /** The assumptions every reader should know. */
  public List<String> assumptions() {
    BacktestRequest r = request;
    return List.of(
        "Costs as in the backtester: taker fee "
            + r.feeBps()
            + " bps, maker fee "
            + r.makerFeeBps()
            + " bps, slippage "
            + r.slippageBps()
            + " bps, impact lambda "
            + r.impactLambda()
            + ", funding from the recorded history, 0.01 % per 8 h where none is recorded.",
        "Every metric is net of those costs; the objective is maximised on the training window only.",
        "The data set has no delisted symbols: cross-sectional results are optimistic"
            + " (survivorship bias).",
        "Overfitting statistics use each trial's daily returns on its training window; Sharpe ratios"
            + " are per day unless marked annual (x sqrt(365)); kurtosis is non-excess.",
        "best_params are the last fold's choice; their intervals are 95 % moving-block bootstrap"
            + " intervals of the best trial's parameters (200 resamples, 5-day blocks).");
  }
}
