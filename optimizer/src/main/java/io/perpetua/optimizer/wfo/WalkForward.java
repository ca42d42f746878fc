package io.perpetua.optimizer.wfo;

import io.perpetua.backtest.BacktestRunner;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.BacktestResult;
import io.perpetua.optimizer.Search;
import io.perpetua.optimizer.SearchRun;
import io.perpetua.optimizer.SearchSettings;
import io.perpetua.optimizer.Trial;
import io.perpetua.optimizer.TrialRunner;
import io.perpetua.signals.strategy.space.ParamSpace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * Walk-forward optimisation over the backtester. Per fold, in order: the search sees only the
 * training window (each trial a backtest of {@code [trainStart, trainEnd)}, whose warm-up history
 * lies before it); with a validation window the {@value #CANDIDATES} best distinct training
 * candidates are run on it and the best there is chosen; the choice then runs once on the forward
 * window. No fold reads data after its own forward window, so later data cannot change an earlier
 * decision. The fold's seed is {@code seed + fold} (each fold searches afresh).
 */
public final class WalkForward {
  /** Training candidates tried on the validation window. */
  public static final int CANDIDATES = 5;

  private WalkForward() {}

  /**
   * Runs every fold of {@code base}'s range.
   *
   * @param space the searched parameters
   * @param base the run's request: whole range, fixed parameters, costs
   * @param listener told (fold, trial) after each trial
   */
  public static WalkForwardResult run(
      ParamSpace space,
      BacktestRunner engine,
      BacktestRequest base,
      SearchSettings settings,
      WalkForwardSettings wfo,
      ExecutorService pool,
      BooleanSupplier cancelled,
      BiConsumer<Integer, Trial> listener) {
    List<WalkForwardSettings.Window> windows =
        wfo.windows(base.start().toEpochMilli(), base.end().toEpochMilli());
    List<Fold> folds = new ArrayList<>();
    for (int k = 0; k < windows.size() && !cancelled.getAsBoolean(); k++) {
      int fold = k;
      WalkForwardSettings.Window w = windows.get(k);
      SearchSettings foldSettings =
          new SearchSettings(
              settings.algorithm(),
              settings.trials(),
              settings.seed() + k,
              settings.objectives(),
              settings.constraints(),
              settings.refine());
      SearchRun search =
          Search.run(
              space,
              engine,
              window(base, w.trainStart(), w.trainEnd()),
              foldSettings,
              pool,
              cancelled,
              t -> listener.accept(fold, t));
      folds.add(fold(k, w, search, space, engine, base, settings, cancelled));
    }
    return new WalkForwardResult(
        space, folds, WalkForwardResult.stitch(folds, base.capital()), base.capital());
  }

  private static Fold fold(
      int k,
      WalkForwardSettings.Window w,
      SearchRun search,
      ParamSpace space,
      BacktestRunner engine,
      BacktestRequest base,
      SearchSettings settings,
      BooleanSupplier cancelled) {
    Trial best = search.bestTrial();
    if (best == null || cancelled.getAsBoolean()) {
      return new Fold(k, w, search, null, null, Double.NaN, null, null);
    }
    Map<String, Object> chosen = best.params();
    var inSample = best.metrics();
    double validateScore = Double.NaN;
    if (w.validateEnd() > w.trainEnd()) {
      TrialRunner validator =
          new TrialRunner(
              space,
              engine,
              window(base, w.trainEnd(), w.validateEnd()),
              settings.objectives(),
              settings.constraints(),
              CANDIDATES,
              null,
              cancelled,
              t -> {});
      for (Trial candidate : candidates(search)) {
        Trial v = validator.run(0, candidate.params());
        if (v.accepted() && (Double.isNaN(validateScore) || v.score() > validateScore)) {
          validateScore = v.score();
          chosen = candidate.params();
          inSample = candidate.metrics();
        }
      }
    }
    Map<String, Object> params = new java.util.LinkedHashMap<>(base.parameters());
    params.putAll(chosen);
    BacktestResult forward =
        engine.run(
            withParams(window(base, w.validateEnd(), w.forwardEnd()), params), p -> {}, cancelled);
    return new Fold(
        k, w, search, chosen, inSample, validateScore, forward.metrics(), forward.equity());
  }

  private static List<Trial> candidates(SearchRun search) {
    List<Trial> sorted = new ArrayList<>();
    for (Trial t : search.trials()) {
      if (t.accepted() && Double.isFinite(t.score())) {
        sorted.add(t);
      }
    }
    sorted.sort(Comparator.comparingDouble(Trial::score).reversed().thenComparingInt(Trial::index));
    List<Trial> out = new ArrayList<>();
    Set<Map<String, Object>> seen = new LinkedHashSet<>();
    for (Trial t : sorted) {
      if (out.size() < CANDIDATES && seen.add(t.params())) {
        out.add(t);
      }
    }
    return out;
  }

  /** {@code base} over {@code [fromMs, toMs)}. */
  public static BacktestRequest window(BacktestRequest base, long fromMs, long toMs) {
    return new BacktestRequest(
        base.strategy(),
        base.parameters(),
        base.symbols(),
        base.timeframe(),
        base.dataSource(),
        Instant.ofEpochMilli(fromMs),
        Instant.ofEpochMilli(toMs),
        base.capital(),
        base.leverage(),
        base.feeBps(),
        base.makerFeeBps(),
        base.slippageBps(),
        base.impactLambda(),
        base.rebalanceDays(),
        base.periodsPerYear());
  }

  private static BacktestRequest withParams(BacktestRequest r, Map<String, Object> params) {
    return new BacktestRequest(
        r.strategy(),
        params,
        r.symbols(),
        r.timeframe(),
        r.dataSource(),
        r.start(),
        r.end(),
        r.capital(),
        r.leverage(),
        r.feeBps(),
        r.makerFeeBps(),
        r.slippageBps(),
        r.impactLambda(),
        r.rebalanceDays(),
        r.periodsPerYear());
  }
}
