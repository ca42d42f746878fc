package io.perpetua.optimizer;

import io.perpetua.backtest.BacktestRunner;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.optimizer.algo.PointEvaluator;
import io.perpetua.signals.strategy.space.ParamSpace;
import java.util.ArrayList;
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
  private final BacktestRunner engine;
  private final ExecutorService pool;
  private final BooleanSupplier cancelled;
  private final Consumer<Trial> listener;
  private final List<Trial> trials = new ArrayList<>();
  private final TrialTask task;
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
    this.engine = engine;
    this.budget = budget;
    this.pool = pool;
    this.cancelled = cancelled;
    this.listener = listener;
    this.task = new TrialTask(window, objectives, constraints);
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
    int first = trials.size();
    if (pool instanceof RemoteTrials remote && n >= 2 && !cancelled.getAsBoolean()) {
      List<TrialInput> inputs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        inputs.add(new TrialInput(first + i, params.get(i)));
      }
      remote.run(task, inputs).forEach(t -> record(done, t));
    } else if (pool == null || n < 2) {
      for (int i = 0; i < n && !cancelled.getAsBoolean(); i++) {
        record(done, run(first + i, params.get(i)));
      }
    } else {
      List<Future<Trial>> futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int index = first + i;
        Map<String, Object> p = params.get(i);
        futures.add(pool.submit(() -> run(index, p)));
      }
      for (Future<Trial> f : futures) {
        record(done, join(f));
      }
    }
    double[][] scores = new double[done.size()][];
    for (int i = 0; i < done.size(); i++) {
      scores[i] = done.get(i).scores();
    }
    return scores;
  }

  /** A trial is done: kept in order and reported at once (progress per trial, in order). */
  private void record(List<Trial> done, Trial t) {
    done.add(t);
    trials.add(t);
    listener.accept(t);
  }

  /** Runs one trial with {@code params} on this window. */
  public Trial run(int index, Map<String, Object> params) {
    return task.run(engine, new TrialInput(index, params), cancelled);
  }

  /** Returns between the last equity of consecutive UTC days (the first from the start). */
  static double[] dailyReturns(io.perpetua.jobs.EquityCurve curve) {
    return TrialTask.dailyReturns(curve);
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
