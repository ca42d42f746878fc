package io.perpetua.optimizer;

import io.perpetua.backtest.BacktestCancelledException;
import io.perpetua.backtest.BacktestRunner;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.EquityCurve;
import io.perpetua.jobs.Metrics;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What every trial of one search window shares: the window (a request whose parameters are the
 * fixed overrides), the objectives and the constraints. {@link #run} is one trial, a pure function
 * of the task, the input and the engine's data — the same wherever it runs (the search's thread,
 * its pool, or a Spark task). Serializable; immutable.
 *
 * @param window the window's request (fixed parameters, start/end, costs)
 * @param objectives what is scored
 * @param constraints what rejects a trial
 */
public record TrialTask(BacktestRequest window, List<Objective> objectives, Constraints constraints)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Copies. */
  public TrialTask {
    objectives = List.copyOf(objectives);
  }

  /** Runs trial {@code in} on {@code engine} (the trading kernel with the window's costs). */
  public Trial run(BacktestRunner engine, TrialInput in, BooleanSupplier cancelled) {
    int index = in.index();
    Map<String, Object> params = in.params();
    double[] rejected = new double[objectives.size()];
    Arrays.fill(rejected, Double.NEGATIVE_INFINITY);
    Object exposure = params.get("gross_exposure");
    double leverage = exposure instanceof Number num ? num.doubleValue() : window.leverage();
    String before = constraints.beforeRun(leverage);
    if (before != null) {
      return new Trial(index, params, rejected, null, before);
    }
    Map<String, Object> all = new LinkedHashMap<>(window.parameters());
    all.putAll(params);
    Metrics m;
    double[] returns;
    try {
      var result = engine.run(withParameters(all), p -> {}, cancelled);
      m = result.metrics();
      returns = dailyReturns(result.equity());
    } catch (IllegalArgumentException e) {
      return new Trial(index, params, rejected, null, e.getMessage());
    } catch (BacktestCancelledException e) {
      return new Trial(index, params, rejected, null, "cancelled");
    }
    String after = constraints.afterRun(m);
    if (after != null) {
      return new Trial(index, params, rejected, m, after, returns);
    }
    double[] scores = new double[objectives.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = objectives.get(i).score(m);
    }
    return new Trial(index, params, scores, m, null, returns);
  }

  /** Returns between the last equity of consecutive UTC days (the first from the start). */
  static double[] dailyReturns(EquityCurve curve) {
    long[] t = curve.timesMs();
    double[] e = curve.equity();
    List<Double> out = new ArrayList<>();
    if (t.length == 0) {
      return new double[0];
    }
    double prev = e[0];
    long day = Math.floorDiv(t[0], 86_400_000L);
    for (int i = 1; i < t.length; i++) {
      long d = Math.floorDiv(t[i], 86_400_000L);
      if (d != day) {
        out.add(prev == 0 ? 0 : e[i - 1] / prev - 1);
        prev = e[i - 1];
        day = d;
      }
    }
    out.add(prev == 0 ? 0 : e[t.length - 1] / prev - 1);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private BacktestRequest withParameters(Map<String, Object> p) {
    BacktestRequest w = window;
    return new BacktestRequest(
        w.strategy(),
        p,
        w.symbols(),
        w.timeframe(),
        w.dataSource(),
        w.start(),
        w.end(),
        w.capital(),
        w.leverage(),
        w.feeBps(),
        w.makerFeeBps(),
        w.slippageBps(),
        w.impactLambda(),
        w.rebalanceDays(),
        w.periodsPerYear());
  }
}
