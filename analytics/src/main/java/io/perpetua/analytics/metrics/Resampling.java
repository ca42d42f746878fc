package io.perpetua.analytics.metrics;

import io.perpetua.jobs.EquityCurve;
import java.util.Arrays;

/**
 * Resamples an equity curve to fixed UTC periods (daily by default) and turns equity into simple
 * returns. The resampled curve is the curve's first point (the base) followed by the last point of
 * every period after it: with a curve that starts at 2024-01-01T00:00Z and is marked hourly, the
 * daily curve is {@code [equity at 00:00 on day 1, close of day 1, close of day 2, …]}, so n days
 * give n returns. A period whose only point is the base contributes no return; a period with no
 * point at all is skipped (the next return spans it). Stateless.
 */
public final class Resampling {
  /** Milliseconds per UTC day. */
  public static final long DAY_MS = 86_400_000L;

  private Resampling() {}

  /**
   * The base point followed by the last point of each {@code periodMs}-long UTC period (periods are
   * aligned to the epoch, so {@link #DAY_MS} gives UTC days). The result shares no arrays with
   * {@code curve}.
   */
  public static EquityCurve lastPerPeriod(EquityCurve curve, long periodMs) {
    return lastPerPeriod(curve, periodMs, 0);
  }

  /**
   * As {@link #lastPerPeriod(EquityCurve, long)} for a curve marked at bar close times (a
   * backtest's): a mark exactly on a period boundary (the 00:00 close of a day's last bar) ends the
   * period before it. A 2024 run's final mark at 2025-01-01T00:00Z is then 2024-12-31's close, not
   * an extra day of 2025.
   */
  public static EquityCurve lastPerClosingPeriod(EquityCurve curve, long periodMs) {
    return lastPerPeriod(curve, periodMs, 1);
  }

  /** The period a bar-close mark at {@code timeMs} closes (see {@link #lastPerClosingPeriod}). */
  static long closingPeriod(long timeMs, long periodMs) {
    return Math.floorDiv(timeMs - 1, periodMs);
  }

  private static EquityCurve lastPerPeriod(EquityCurve curve, long periodMs, long shift) {
    if (periodMs < 1) {
      throw new IllegalArgumentException("periodMs must be positive, was " + periodMs);
    }
    long[] times = curve.timesMs();
    double[] equity = curve.equity();
    int n = times.length;
    if (n == 0) {
      return new EquityCurve(new long[0], new double[0]);
    }
    long[] outTimes = new long[n];
    double[] outEquity = new double[n];
    outTimes[0] = times[0];
    outEquity[0] = equity[0];
    int m = 1;
    for (int k = 1; k < n; k++) {
      if (k == n - 1
          || Math.floorDiv(times[k] - shift, periodMs)
              != Math.floorDiv(times[k + 1] - shift, periodMs)) {
        outTimes[m] = times[k];
        outEquity[m] = equity[k];
        m++;
      }
    }
    return new EquityCurve(Arrays.copyOf(outTimes, m), Arrays.copyOf(outEquity, m));
  }

  /**
   * Simple returns {@code equity[k] / equity[k-1] − 1}, k = 1..n−1 (n−1 values; empty for fewer
   * than two points). A return after a non-positive equity is {@code NaN}.
   */
  public static double[] simpleReturns(double[] equity) {
    if (equity.length < 2) {
      return new double[0];
    }
    double[] r = new double[equity.length - 1];
    for (int k = 1; k < equity.length; k++) {
      double prev = equity[k - 1];
      r[k - 1] = prev > 0 ? equity[k] / prev - 1 : Double.NaN;
    }
    return r;
  }

  /** Daily returns of a curve: {@link #simpleReturns} of {@link #lastPerPeriod} with a UTC day. */
  public static double[] dailyReturns(EquityCurve curve) {
    return simpleReturns(lastPerPeriod(curve, DAY_MS).equity());
  }
}
