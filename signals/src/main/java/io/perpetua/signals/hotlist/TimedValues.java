package io.perpetua.signals.hotlist;

import java.util.Arrays;

/**
 * A time series of observations (open interest, long/short ratio) in time order. Immutable.
 *
 * @param timesMs observation times, ascending
 * @param values the values
 */
public record TimedValues(long[] timesMs, double[] values) {

  /** Validates and copies. */
  public TimedValues {
    if (timesMs.length != values.length) {
      throw new IllegalArgumentException("times and values differ in length");
    }
    for (int i = 1; i < timesMs.length; i++) {
      if (timesMs[i] <= timesMs[i - 1]) {
        throw new IllegalArgumentException("times must be ascending");
      }
    }
    timesMs = timesMs.clone();
    values = values.clone();
  }

  /** Index of the last observation at or before {@code ts}, or -1. */
  public int asOf(long ts) {
    int i = Arrays.binarySearch(timesMs, ts);
    return i >= 0 ? i : -i - 2;
  }
}
