package io.perpetua.backtest.analytics;

import io.perpetua.backtest.metrics.Resampling;
import io.perpetua.jobs.EquityCurve;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Validation and conversion of NAV series shared by the analytics. Stateless. */
final class NavSeries {
  private NavSeries() {}

  /**
   * Checks that {@code points} and its elements are non-null and its times strictly increasing.
   *
   * @throws IllegalArgumentException naming the first offending index
   */
  static void check(List<NavPoint> points) {
    Objects.requireNonNull(points, "points");
    for (int i = 0; i < points.size(); i++) {
      NavPoint p = Objects.requireNonNull(points.get(i), "points[" + i + "]");
      if (i > 0 && p.timeMs() <= points.get(i - 1).timeMs()) {
        throw new IllegalArgumentException(
            "NAV times must be strictly increasing: points["
                + i
                + "] at "
                + p.timeMs()
                + " follows "
                + points.get(i - 1).timeMs());
      }
    }
  }

  /** The points as an equity curve (validated first). */
  static EquityCurve curve(List<NavPoint> points) {
    check(points);
    int n = points.size();
    long[] times = new long[n];
    double[] nav = new double[n];
    for (int i = 0; i < n; i++) {
      times[i] = points.get(i).timeMs();
      nav[i] = points.get(i).nav();
    }
    return new EquityCurve(times, nav);
  }

  /**
   * The last point of each UTC day that has one. {@link Resampling#lastPerPeriod} keeps the curve's
   * first point as a base before the first day's close; here that base is dropped when its day has
   * a later point, so every UTC day appears exactly once.
   */
  static EquityCurve dailyCloses(EquityCurve curve) {
    EquityCurve sampled = Resampling.lastPerPeriod(curve, Resampling.DAY_MS);
    long[] times = sampled.timesMs();
    if (times.length < 2
        || Math.floorDiv(times[0], Resampling.DAY_MS)
            != Math.floorDiv(times[1], Resampling.DAY_MS)) {
      return sampled;
    }
    double[] nav = sampled.equity();
    return new EquityCurve(
        Arrays.copyOfRange(times, 1, times.length), Arrays.copyOfRange(nav, 1, nav.length));
  }

  /** The UTC calendar day of an epoch-millisecond time. */
  static LocalDate date(long timeMs) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(timeMs), ZoneOffset.UTC);
  }
}
