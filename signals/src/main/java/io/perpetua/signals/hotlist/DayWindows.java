package io.perpetua.signals.hotlist;

import io.perpetua.market.BarSeries;
import java.util.Arrays;

/**
 * One symbol's bars cut into 24 h windows ending at the scan's timestamp: window {@code d} holds
 * the bars that closed in {@code (ts − (d+1)·24h, ts − d·24h]}, so window 0 is the last day. Only
 * bars closed by {@code ts} are read (no look-ahead). Per window: the standard deviation of the log
 * returns between consecutive bars (a return across a gap is skipped), the quote turnover {@code Σ
 * close × volume}, Kaufman's efficiency ratio {@code |P_end − P_start| / Σ|ΔP|}, and the high and
 * low. NaN marks what a window cannot give. Immutable after construction.
 */
final class DayWindows {
  static final long DAY_MS = 86_400_000L;

  final int days;
  final double[] sigma;
  final double[] turnover;
  final double[] efficiency;
  final double[] high;
  final double[] low;
  final double[] startClose;
  final double[] endClose;
  final int barsPerDay;

  private final int[] returns;
  private final double[] mean;
  private final double[] m2;
  private final double[] path;

  private DayWindows(int days, int barsPerDay) {
    this.days = days;
    this.barsPerDay = barsPerDay;
    sigma = nan(days);
    turnover = nan(days);
    efficiency = nan(days);
    high = nan(days);
    low = nan(days);
    startClose = nan(days);
    endClose = nan(days);
    returns = new int[days];
    mean = new double[days];
    m2 = new double[days];
    path = new double[days];
  }

  /** The {@code days} windows of {@code bars} ending at {@code ts}. */
  static DayWindows of(BarSeries bars, long ts, int days) {
    long tf = bars.timeframe().millis();
    DayWindows w = new DayWindows(days, (int) Math.max(1, DAY_MS / tf));
    int end = bars.lowerBound(ts - tf + 1); // bars closed by ts
    int from = Math.max(0, bars.lowerBound(ts - days * DAY_MS - tf) - 1);
    for (int i = from; i < end; i++) {
      long close = bars.openTimeMs(i) + tf;
      long d = (ts - close) / DAY_MS;
      if (d < days) {
        w.add((int) d, bars, i, i > 0 && bars.openTimeMs(i) - bars.openTimeMs(i - 1) == tf);
      }
    }
    w.finish();
    return w;
  }

  private void add(int d, BarSeries bars, int i, boolean contiguous) {
    double c = bars.close(i);
    turnover[d] = (Double.isNaN(turnover[d]) ? 0 : turnover[d]) + c * bars.volume(i);
    high[d] = Double.isNaN(high[d]) ? bars.high(i) : Math.max(high[d], bars.high(i));
    low[d] = Double.isNaN(low[d]) ? bars.low(i) : Math.min(low[d], bars.low(i));
    double prev = i > 0 ? bars.close(i - 1) : Double.NaN;
    if (Double.isNaN(endClose[d])) { // the window's first bar: it starts at the previous close
      startClose[d] = contiguous ? prev : c;
      path[d] += contiguous ? Math.abs(c - prev) : 0;
    } else {
      path[d] += Math.abs(c - endClose[d]);
    }
    endClose[d] = c;
    if (contiguous && prev > 0 && c > 0) {
      double r = Math.log(c / prev);
      int n = ++returns[d];
      double delta = r - mean[d];
      mean[d] += delta / n;
      m2[d] += delta * (r - mean[d]);
    }
  }

  private void finish() {
    int minReturns = Math.max(2, barsPerDay / 2);
    for (int d = 0; d < days; d++) {
      if (returns[d] >= minReturns) {
        sigma[d] = Math.sqrt(m2[d] / (returns[d] - 1));
      }
      if (!Double.isNaN(endClose[d]) && path[d] > 0) {
        efficiency[d] = Math.abs(endClose[d] - startClose[d]) / path[d];
      } else if (!Double.isNaN(endClose[d]) && returns[d] > 0) {
        efficiency[d] = 0.0; // a frozen day: no path, no trend
      }
    }
  }

  /** Minimum returns a window needs for σ. */
  int minReturns() {
    return Math.max(2, barsPerDay / 2);
  }

  /** The values of {@code a} in windows {@code [from, to)} that are not NaN. */
  static double[] present(double[] a, int from, int to) {
    return Arrays.stream(a, from, Math.min(to, a.length)).filter(v -> !Double.isNaN(v)).toArray();
  }

  /** The median of {@code values} (not empty). */
  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static double[] nan(int n) {
    double[] a = new double[n];
    Arrays.fill(a, Double.NaN);
    return a;
  }
}
