package io.perpetua.market;

import io.perpetua.core.Timeframe;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the holes in bar series: consecutive open times more than one interval apart. Off-grid
 * spacing that is longer than an interval but not a whole multiple counts the whole intervals that
 * fit in between (at least one).
 *
 * <p>Stateless and thread-safe.
 */
public final class Gaps {
  private Gaps() {}

  /** The gaps of {@code series} for bars of {@code timeframe}, in time order. */
  public static List<Gap> find(BarSeries series, Timeframe timeframe) {
    return find(series.times, timeframe.millis());
  }

  /** The gaps in strictly increasing open times {@code times} with the given interval. */
  public static List<Gap> find(long[] times, long intervalMs) {
    List<Gap> gaps = new ArrayList<>();
    for (int i = 1; i < times.length; i++) {
      long delta = times[i] - times[i - 1];
      if (delta > intervalMs) {
        gaps.add(new Gap(times[i - 1], times[i], missing(delta, intervalMs)));
      }
    }
    return gaps;
  }

  /** The number of gaps, without allocating. */
  public static int count(long[] times, long intervalMs) {
    int n = 0;
    for (int i = 1; i < times.length; i++) {
      if (times[i] - times[i - 1] > intervalMs) {
        n++;
      }
    }
    return n;
  }

  /** The number of gaps of {@code series} for bars of {@code timeframe}. */
  public static int count(BarSeries series, Timeframe timeframe) {
    return count(series.times, timeframe.millis());
  }

  /** Total missing bars of {@code series}. */
  public static long missingBars(BarSeries series, Timeframe timeframe) {
    long n = 0;
    long interval = timeframe.millis();
    long[] times = series.times;
    for (int i = 1; i < times.length; i++) {
      long delta = times[i] - times[i - 1];
      if (delta > interval) {
        n += missing(delta, interval);
      }
    }
    return n;
  }

  private static long missing(long delta, long interval) {
    return Math.max(1, (delta - 1) / interval);
  }
}
