package io.perpetua.signals.flow;

/**
 * The exact maximum of values over the last {@code windowMs} (entries with time {@code > now −
 * windowMs}), by a monotonic deque: amortised O(1) per value, O(1) per read.
 *
 * <p>Memory is bounded by {@code capacity} entries; the deque only holds values that can still
 * become the maximum (a decreasing sequence), so the cap is reached only by a long strictly
 * decreasing run, in which case the oldest entry is dropped (counted in {@link #dropped()}).
 *
 * <p>Not thread-safe; allocation-free after construction.
 */
public final class SlidingMax {
  private final long windowMs;
  private final long[] times;
  private final double[] values;
  private int head;
  private int count;
  private long dropped;

  /** A window of {@code windowMs} holding at most {@code capacity} candidate entries. */
  public SlidingMax(long windowMs, int capacity) {
    if (windowMs <= 0 || capacity <= 0) {
      throw new IllegalArgumentException("window and capacity must be positive");
    }
    this.windowMs = windowMs;
    this.times = new long[capacity];
    this.values = new double[capacity];
  }

  /** Adds a value observed at {@code timeMs} (times must not decrease). */
  public void add(long timeMs, double value) {
    evict(timeMs);
    while (count > 0 && values[index(count - 1)] <= value) {
      count--;
    }
    if (count == times.length) {
      head = index(1);
      count--;
      dropped++;
    }
    int i = index(count);
    times[i] = timeMs;
    values[i] = value;
    count++;
  }

  /** The maximum over {@code (nowMs − windowMs, nowMs]}, or 0 when empty. Does not change state. */
  public double max(long nowMs) {
    for (int k = 0; k < count; k++) {
      int i = index(k);
      if (times[i] > nowMs - windowMs) {
        return values[i];
      }
    }
    return 0;
  }

  /** Entries dropped because the capacity was reached. */
  public long dropped() {
    return dropped;
  }

  private void evict(long nowMs) {
    while (count > 0 && times[head] <= nowMs - windowMs) {
      head = index(1);
      count--;
    }
  }

  private int index(int k) {
    return (head + k) % times.length;
  }
}
