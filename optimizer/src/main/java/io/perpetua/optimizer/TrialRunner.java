package io.perpetua.optimizer;

import io.perpetua.backtest.BacktestCancelledException;
import io.perpetua.backtest.BacktestRunner;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.Metrics;
import io.perpetua.optimizer.algo.PointEvaluator;
import io.perpetua.signals.strategy.space.ParamSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Turns points of the unit cube into backtests of one window: the point's parameters (plus the
 * fixed ones) override the strategy's, the run goes through the {@link BacktestRunner} (the trading
 * kernel with the request's costs), the metrics are scored and checked against the constraints.
 * Batches run on {@code pool} when given; trials are numbered in the order of the points, whatever
 * thread ran them, so a search is repeatable. Not thread-safe (one search calls it).
 */
public final class TrialRunner implements PointEvaluator {
  private final ParamSpace space;
  private final Map<String, Object> fixed;
  private final BacktestRunner engine;
  private final BacktestRequest window;
  private final List<Objective> objectives;
  private final Constraints constraints;
  private final ExecutorService pool;
  private final BooleanSupplier cancelled;
  private final Consumer<Trial> listener;
  private final List<Trial> trials = new ArrayList<>();
  private int budget;

  /**
   * A runner for {@code budget} trials of {@code window} (a request whose parameters are the fixed
   * overrides and whose start/end is the window).
   */
  public TrialRunner(
      ParamSpace space,
      BacktestRunner engine,
      BacktestRequest window,
      List<Objective> objectives,
      Constraints constraints,
      int budget,
      ExecutorService pool,
      BooleanSupplier cancelled,
      Consumer<Trial> listener) {
    this.space = space;
    this.fixed = window.parameters();
    this.engine = engine;
    this.window = window;
    this.objectives = List.copyOf(objectives);
    this.constraints = constraints;
    this.budget = budget;
    this.pool = pool;
    this.cancelled = cancelled;
    this.listener = listener;
  }

  /** Adds {@code more} trials to the budget (e.g. for a refinement stage). */
  public void extend(int more) {
    budget += more;
  }

  /** The trials so far, in order. */
  public List<Trial> trials() {
    return List.copyOf(trials);
  }

  @Override
  public int remaining() {
    return cancelled.getAsBoolean() ? 0 : Math.max(0, budget - trials.size());
  }

  @Override
  public double[][] evaluate(List<double[]> points) {
    int n = Math.min(points.size(), remaining());
    List<Map<String, Object>> params = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      params.add(space.values(points.get(i)));
    }
    List<Trial> done = new ArrayList<>(n);
    if (pool == null || n < 2) {
      for (int i = 0; i < n && !cancelled.getAsBoolean(); i++) {
        done.add(run(trials.size() + i, params.get(i)));
      }
    } else {
      List<Future<Trial>> futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int index = trials.size() + i;
        Map<String, Object> p = params.get(i);
        futures.add(pool.submit(() -> run(index, p)));
      }
      for (Future<Trial> f : futures) {
        done.add(join(f));
      }
    }
    double[][] scores = new double[done.size()][];
    for (int i = 0; i < done.size(); i++) {
      trials.add(done.get(i));
      scores[i] = done.get(i).scores();
      listener.accept(done.get(i));
    }
    return scores;
  }

  /** Runs one trial with {@code params} on this window. */
  public Trial run(int index, Map<String, Object> params) {
    double[] rejected = new double[objectives.size()];
    Arrays.fill(rejected, Double.NEGATIVE_INFINITY);
    Object exposure = params.get("gross_exposure");
    double leverage = exposure instanceof Number num ? num.doubleValue() : window.leverage();
    String before = constraints.beforeRun(leverage);
    if (before != null) {
      return new Trial(index, params, rejected, null, before);
    }
    Map<String, Object> all = new LinkedHashMap<>(fixed);
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
  static double[] dailyReturns(io.perpetua.jobs.EquityCurve curve) {
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

  private static Trial join(Future<Trial> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
