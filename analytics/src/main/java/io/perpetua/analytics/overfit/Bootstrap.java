package io.perpetua.analytics.overfit;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded bootstrap confidence intervals: of a statistic of one return series, and of the best
 * trial's parameters (how sure the choice of the best point is). Periods are resampled with the
 * moving-block bootstrap (Künsch 1989): blocks of {@code blockLength} consecutive periods drawn
 * with replacement until T periods are filled, so serial dependence inside a block survives; {@code
 * blockLength = 1} is the ordinary IID bootstrap. All trials are resampled on the same periods,
 * which keeps their cross-correlation. Intervals are percentile intervals (quantiles with linear
 * interpolation between order statistics). The same arguments and seed give the same result on
 * every JVM ({@link SplittableRandom}). Stateless and thread-safe.
 */
public final class Bootstrap {
  private Bootstrap() {}

  /**
   * A percentile interval for {@code statistic(returns)}.
   *
   * @param resamples B ≥ 1 bootstrap samples
   * @param confidence two-sided level in (0, 1)
   * @param blockLength 1 ≤ L ≤ T
   */
  public static Interval interval(
      double[] returns,
      PerformanceMeasure statistic,
      int resamples,
      double confidence,
      int blockLength,
      long seed) {
    check(returns.length, resamples, confidence, blockLength);
    SplittableRandom random = new SplittableRandom(seed);
    int[] rows = new int[returns.length];
    double[] sample = new double[returns.length];
    double[] stats = new double[resamples];
    for (int b = 0; b < resamples; b++) {
      drawRows(random, rows, blockLength);
      for (int t = 0; t < rows.length; t++) {
        sample[t] = returns[rows[t]];
      }
      stats[b] = statistic.of(sample);
    }
    return percentile(statistic.of(returns), stats, confidence);
  }

  /**
   * Percentile intervals of the best trial's parameters: in each bootstrap sample of the periods
   * the trial with the best {@code measure} is chosen (lowest index on a tie) and its parameter
   * vector recorded; the interval of parameter j spans the quantiles of those values. The estimate
   * is the best trial's parameter on the original sample.
   *
   * @param returnsPeriodsByTrials T × N returns, {@code [period][trial]}
   * @param parametersByTrial N × P parameter values, {@code [trial][parameter]}
   * @return one interval per parameter
   */
  public static Interval[] bestParameters(
      double[][] returnsPeriodsByTrials,
      double[][] parametersByTrial,
      PerformanceMeasure measure,
      int resamples,
      double confidence,
      int blockLength,
      long seed) {
    int periods = returnsPeriodsByTrials.length;
    check(periods, resamples, confidence, blockLength);
    int trials = returnsPeriodsByTrials[0].length;
    if (parametersByTrial.length != trials) {
      throw new IllegalArgumentException(
          "parametersByTrial has " + parametersByTrial.length + " rows, expected " + trials);
    }
    int params = parametersByTrial[0].length;
    double[][] byTrial = new double[trials][periods];
    for (int t = 0; t < periods; t++) {
      for (int k = 0; k < trials; k++) {
        byTrial[k][t] = returnsPeriodsByTrials[t][k];
      }
    }
    int original = best(byTrial, measure, null, new double[periods]);
    SplittableRandom random = new SplittableRandom(seed);
    int[] rows = new int[periods];
    double[] buffer = new double[periods];
    double[][] chosen = new double[params][resamples];
    for (int b = 0; b < resamples; b++) {
      drawRows(random, rows, blockLength);
      int k = best(byTrial, measure, rows, buffer);
      for (int j = 0; j < params; j++) {
        chosen[j][b] = parametersByTrial[k][j];
      }
    }
    Interval[] out = new Interval[params];
    for (int j = 0; j < params; j++) {
      out[j] = percentile(parametersByTrial[original][j], chosen[j], confidence);
    }
    return out;
  }

  private static int best(
      double[][] byTrial, PerformanceMeasure measure, int[] rows, double[] buffer) {
    int best = -1;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < byTrial.length; k++) {
      double[] series = byTrial[k];
      if (rows != null) {
        for (int t = 0; t < rows.length; t++) {
          buffer[t] = series[rows[t]];
        }
        series = buffer;
      }
      double v = measure.of(series);
      if (best < 0 || v > bestValue) {
        best = k;
        bestValue = Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
      }
    }
    return best;
  }

  /** Fills {@code rows} with the period indices of one moving-block bootstrap sample. */
  static void drawRows(SplittableRandom random, int[] rows, int blockLength) {
    int periods = rows.length;
    int starts = periods - blockLength + 1;
    int t = 0;
    while (t < periods) {
      int start = random.nextInt(starts);
      for (int i = 0; i < blockLength && t < periods; i++) {
        rows[t++] = start + i;
      }
    }
  }

  /** The percentile interval of {@code values} (sorted in place). */
  static Interval percentile(double estimate, double[] values, double confidence) {
    Arrays.sort(values);
    double alpha = (1 - confidence) / 2;
    return new Interval(estimate, quantile(values, alpha), quantile(values, 1 - alpha), confidence);
  }

  /** Quantile of sorted values, linear between order statistics (R's type 7, numpy's default). */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  private static void check(int periods, int resamples, double confidence, int blockLength) {
    if (periods < 1) {
      throw new IllegalArgumentException("need at least one period");
    }
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be at least 1, was " + resamples);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
    }
    if (blockLength < 1 || blockLength > periods) {
      throw new IllegalArgumentException(
          "blockLength must be from 1 to the number of periods ("
              + periods
              + "), was "
              + blockLength);
    }
  }
}
