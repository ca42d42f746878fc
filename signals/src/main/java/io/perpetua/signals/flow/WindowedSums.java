package io.perpetua.signals.flow;

/**
 * Exact sliding-window sums of integer columns over several window lengths, on a ring of
 * fixed-width time buckets. A window of {@code L} buckets covers the buckets {@code (current − L,
 * current]}; its edge is therefore quantised to the bucket width.
 *
 * <p>Adding a value is O(windows); moving the clock is amortised O(windows × columns) per elapsed
 * bucket. All arithmetic is on {@code long} (overflow-checked), so the running sums never drift:
 * they always equal the sum of the values in the covered buckets exactly. Memory is fixed at
 * construction: {@code columns × maxWindowBuckets} longs. A value stamped before the current bucket
 * (late) is counted in the current bucket.
 *
 * <p>Not thread-safe; allocation-free after construction.
 */
public final class WindowedSums {
  private final long bucketMs;
  private final int columns;
  private final int size;
  private final long[] windowBuckets;
  private final long[][] data; // [column][slot]
  private final long[][] sums; // [window][column]
  private long current = Long.MIN_VALUE;

  /**
   * Creates the sums.
   *
   * @param bucketMs bucket width in ms (positive)
   * @param columns the number of columns (positive)
   * @param windowMs each window's length in ms, a positive multiple of {@code bucketMs}
   */
  public WindowedSums(long bucketMs, int columns, long... windowMs) {
    if (bucketMs <= 0 || columns <= 0 || windowMs.length == 0) {
      throw new IllegalArgumentException("bucketMs, columns and windows must be positive");
    }
    this.bucketMs = bucketMs;
    this.columns = columns;
    this.windowBuckets = new long[windowMs.length];
    long max = 0;
    for (int w = 0; w < windowMs.length; w++) {
      if (windowMs[w] <= 0 || windowMs[w] % bucketMs != 0) {
        throw new IllegalArgumentException(
            "window " + windowMs[w] + " ms is not a positive multiple of " + bucketMs + " ms");
      }
      windowBuckets[w] = windowMs[w] / bucketMs;
      max = Math.max(max, windowBuckets[w]);
    }
    if (max > 10_000_000) {
      throw new IllegalArgumentException("too many buckets: " + max);
    }
    this.size = (int) max;
    this.data = new long[columns][size];
    this.sums = new long[windowMs.length][columns];
  }

  /** Moves the clock to {@code timeMs}, evicting buckets that left each window. */
  public void advanceTo(long timeMs) {
    long b = Math.floorDiv(timeMs, bucketMs);
    if (current == Long.MIN_VALUE) {
      current = b;
      return;
    }
    if (b <= current) {
      return;
    }
    for (int w = 0; w < windowBuckets.length; w++) {
      long len = windowBuckets[w];
      if (b - current >= len) {
        java.util.Arrays.fill(sums[w], 0L);
        continue;
      }
      for (long k = current - len + 1; k <= b - len; k++) {
        int slot = slot(k);
        for (int c = 0; c < columns; c++) {
          sums[w][c] -= data[c][slot];
        }
      }
    }
    if (b - current >= size) {
      for (long[] column : data) {
        java.util.Arrays.fill(column, 0L);
      }
    } else {
      for (long k = current + 1; k <= b; k++) {
        int slot = slot(k);
        for (int c = 0; c < columns; c++) {
          data[c][slot] = 0;
        }
      }
    }
    current = b;
  }

  /** Adds {@code value} to {@code column} at {@code timeMs} (advancing the clock first). */
  public void add(long timeMs, int column, long value) {
    advanceTo(timeMs);
    int slot = slot(current);
    data[column][slot] = Math.addExact(data[column][slot], value);
    for (long[] sum : sums) {
      sum[column] = Math.addExact(sum[column], value);
    }
  }

  /** The sum of {@code column} over window {@code window} (index in construction order). */
  public long sum(int window, int column) {
    return sums[window][column];
  }

  /** The current bucket's start, epoch ms ({@code Long.MIN_VALUE} before the first time). */
  public long currentBucketStartMs() {
    return current == Long.MIN_VALUE ? Long.MIN_VALUE : current * bucketMs;
  }

  /** The exact sum recomputed from the buckets (for tests and periodic self-checks). */
  public long recompute(int window, int column) {
    long total = 0;
    if (current == Long.MIN_VALUE) {
      return 0;
    }
    for (long k = current - windowBuckets[window] + 1; k <= current; k++) {
      total += data[column][slot(k)];
    }
    return total;
  }

  private int slot(long bucket) {
    return (int) Math.floorMod(bucket, (long) size);
  }
}
