package io.perpetua.optimizer;

import io.perpetua.analytics.overfit.Bootstrap;
import io.perpetua.analytics.overfit.Interval;
import io.perpetua.analytics.overfit.Moments;
import io.perpetua.analytics.overfit.Pbo;
import io.perpetua.analytics.overfit.PboResult;
import io.perpetua.analytics.overfit.PerformanceMeasure;
import io.perpetua.analytics.overfit.SharpeStatistics;
import io.perpetua.signals.strategy.space.ParamSpace;
import io.perpetua.signals.strategy.space.ParamSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The overfitting statistics of one search (the analytics module's {@code overfit} package applied
 * to the trials' daily returns): the best trial's Probabilistic Sharpe Ratio (against 0), its
 * Deflated Sharpe Ratio (N = accepted trials, V = variance of their daily Sharpe ratios, skew and
 * non-excess kurtosis of the best trial's returns), the minimum track-record length (days, 95 %),
 * the minimum backtest length (years, for the best annualised Sharpe), PBO by CSCV with S
 * partitions (the largest even S ≤ 16 the days allow), and 95 % moving-block bootstrap intervals of
 * the best trial's parameters (200 resamples, 5-day blocks). Sharpe ratios are per day unless named
 * annual ({@code × √365}). Fields are NaN where undefined (e.g. fewer than two accepted trials).
 * Immutable.
 */
public record OverfitStatistics(
    int trials,
    int observations,
    double bestSharpeDaily,
    double bestSharpeAnnual,
    double skew,
    double kurtosis,
    double psr,
    double trialsSharpeVariance,
    double expectedMaxSharpe,
    double dsr,
    double minTrackRecordDays,
    double minBacktestYears,
    double pbo,
    int pboPartitions,
    Map<String, Interval> bestParamIntervals) {
  private static final double PERIODS = 365;

  /** Copies. */
  public OverfitStatistics {
    bestParamIntervals =
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bestParamIntervals));
  }

  /** The statistics of {@code run}'s accepted trials, bootstrap seeded with {@code seed}. */
  public static OverfitStatistics of(SearchRun run, ParamSpace space, long seed) {
    List<Trial> accepted = accepted(run);
    int length = accepted.isEmpty() ? -1 : accepted.get(0).returns().length;
    Trial best = run.bestTrial();
    if (best == null || best.returns() == null || accepted.isEmpty() || length < 3) {
      return empty(accepted.size(), Math.max(0, length));
    }
    double[] r = best.returns();
    Moments m = Moments.of(r);
    double sr = m.sharpe();
    double[] sharpes =
        accepted.stream().mapToDouble(t -> Moments.of(t.returns()).sharpe()).toArray();
    double var = variance(sharpes);
    double n = accepted.size();
    double skew = Double.isFinite(m.skew()) ? m.skew() : 0;
    double kurt = Double.isFinite(m.kurtosis()) ? m.kurtosis() : 3;
    boolean ok = Double.isFinite(sr);
    double psr = ok ? SharpeStatistics.psr(sr, 0, r.length, skew, kurt) : Double.NaN;
    double emax = Double.isFinite(var) ? SharpeStatistics.expectedMaxSharpe(n, var) : Double.NaN;
    double dsr =
        ok && Double.isFinite(var)
            ? SharpeStatistics.dsr(sr, r.length, n, var, skew, kurt)
            : Double.NaN;
    double mintrl =
        ok ? SharpeStatistics.minTrackRecordLength(sr, 0, skew, kurt, 0.95) : Double.NaN;
    double annual = sr * Math.sqrt(PERIODS);
    double minbtl = ok && annual > 0 ? SharpeStatistics.minBacktestLength(n, annual) : Double.NaN;
    double[][] matrix = new double[length][accepted.size()];
    for (int j = 0; j < accepted.size(); j++) {
      double[] tr = accepted.get(j).returns();
      for (int t = 0; t < length; t++) {
        matrix[t][j] = tr[t];
      }
    }
    int s = Math.min(Pbo.DEFAULT_PARTITIONS, length - length % 2);
    double pbo = Double.NaN;
    if (accepted.size() >= 2 && s >= 2) {
      PboResult p = Pbo.cscv(matrix, s, PerformanceMeasure.SHARPE);
      pbo = p.pbo();
    }
    Map<String, Interval> intervals = intervals(accepted, space, matrix, length, seed);
    return new OverfitStatistics(
        accepted.size(),
        length,
        sr,
        annual,
        skew,
        kurt,
        psr,
        var,
        emax,
        dsr,
        mintrl,
        minbtl,
        pbo,
        s,
        intervals);
  }

  /** Accepted trials with a return series as long as the first one's. */
  private static List<Trial> accepted(SearchRun run) {
    List<Trial> accepted = new ArrayList<>();
    int length = -1;
    for (Trial t : run.trials()) {
      if (t.accepted() && t.returns() != null && Double.isFinite(t.score())) {
        if (length < 0) {
          length = t.returns().length;
        }
        if (t.returns().length == length) {
          accepted.add(t);
        }
      }
    }
    return accepted;
  }

  private static Map<String, Interval> intervals(
      List<Trial> accepted, ParamSpace space, double[][] matrix, int length, long seed) {
    Map<String, Interval> intervals = new LinkedHashMap<>();
    List<ParamSpec> numeric = new ArrayList<>();
    for (ParamSpec p : space.params()) {
      if (p.kind() != io.perpetua.signals.strategy.space.ParamKind.CATEGORICAL) {
        numeric.add(p);
      }
    }
    if (accepted.size() >= 2 && !numeric.isEmpty()) {
      double[][] params = new double[accepted.size()][numeric.size()];
      for (int j = 0; j < accepted.size(); j++) {
        for (int k = 0; k < numeric.size(); k++) {
          params[j][k] =
              ((Number) accepted.get(j).params().get(numeric.get(k).name())).doubleValue();
        }
      }
      Interval[] ci =
          Bootstrap.bestParameters(
              matrix, params, PerformanceMeasure.SHARPE, 200, 0.95, Math.min(5, length), seed);
      for (int k = 0; k < numeric.size(); k++) {
        intervals.put(numeric.get(k).name(), ci[k]);
      }
    }
    return intervals;
  }

  private static OverfitStatistics empty(int trials, int observations) {
    double nan = Double.NaN;
    return new OverfitStatistics(
        trials, observations, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, 0, Map.of());
  }

  private static double variance(double[] xs) {
    int n = 0;
    double mean = 0;
    for (double x : xs) {
      if (Double.isFinite(x)) {
        mean += x;
        n++;
      }
    }
    if (n < 2) {
      return Double.NaN;
    }
    mean /= n;
    double v = 0;
    for (double x : xs) {
      if (Double.isFinite(x)) {
        v += (x - mean) * (x - mean);
      }
    }
    return v / (n - 1);
  }
}
